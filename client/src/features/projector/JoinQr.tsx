import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The join QR code (drawn here from the join URL) and the six-digit code, for the room to read. */
export function JoinQr({ joinUrl, joinCode }: { joinUrl: string; joinCode: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => current && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => current && setSrc(null),
    );
    return () => {
      current = false;
    };
  }, [joinUrl]);
  return (
    <section className="projector-join" aria-labelledby="projector-join-heading">
      <h2 id="projector-join-heading">{t('projector.join')}</h2>
      {src && <img className="projector-qr" src={src} alt={t('session.qrAlt')} />}
      <p className="projector-code-label">{t('session.joinCode')}</p>
      <p className="projector-code" aria-label={joinCode.split('').join(' ')}>
        {joinCode}
      </p>
    </section>
  );
}
