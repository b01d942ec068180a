import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { LiveMessage } from '../../components/LiveMessage';
import { useDates } from '../secretariat/format';

/** The QR code of a URL as an SVG data URL (null until drawn, or when it could not be). */
export function useQr(url: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    if (!url) return setSrc(null);
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => current && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => current && setSrc(null),
    );
    return () => {
      current = false;
    };
  }, [url]);
  return src;
}

/**
 * The organisation's personal update link: make one (the server shows it only now), copy it,
 * print it on a letter with its QR code, or revoke it. A new link replaces the old one.
 */
export function UpdateLinkPanel({ organizationId, organizationName, email, existing }: { organizationId: string; organizationName: string; email: string; existing: { expiresAt: string } | null | undefined }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [active, setActive] = useState(existing ?? null);
  const action = useAction();
  const qr = useQr(link?.url ?? null);
  const create = async (mail: boolean) => {
    const made = await action.run(
      () => directoryApi.createUpdateLink(organizationId, mail),
      (m) => (m.mailedTo ? t('dir.link.mailed', { email: m.mailedTo }) : m.mailError ? t('dir.link.mailFailed', { reason: m.mailError }) : t('dir.link.created')),
    );
    if (made) {
      setLink(made);
      setActive({ expiresAt: made.expiresAt });
    }
  };
  const revoke = async () => {
    if (await action.run(async () => (await directoryApi.revokeUpdateLink(organizationId), true), () => t('dir.link.revoked'))) {
      setLink(null);
      setActive(null);
    }
  };
  const copy = async () => {
    if (!link) return;
    await action.run(() => navigator.clipboard.writeText(link.url), () => t('accounts.copied'));
  };
  const day = (iso: string) => dates.shortDay(iso.slice(0, 10));
  return (
    <section className="panel stack" aria-labelledby="update-link-heading">
      <h2 id="update-link-heading">{t('dir.link.title')}</h2>
      <p className="hint no-print">{t('dir.link.intro')}</p>
      <p className="no-print">{active ? t('dir.link.activeUntil', { date: day(active.expiresAt) }) : t('dir.link.noneActive')}</p>
      {link && (
        <div className="field no-print">
          <label htmlFor="update-link-url">{t('dir.link.urlOf', { name: organizationName })}</label>
          <input id="update-link-url" readOnly value={link.url} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <div className="button-row no-print">
        <button type="button" className={link ? undefined : 'button-primary'} disabled={action.busy} onClick={() => create(false)}>
          {active ? t('dir.link.renew') : t('dir.link.create')}
        </button>
        {email && (
          <button type="button" disabled={action.busy} onClick={() => create(true)}>
            {t('dir.link.createAndMail', { email })}
          </button>
        )}
        {link && (
          <>
            <button type="button" disabled={action.busy} onClick={copy}>
              {t('accounts.copy')}
            </button>
            <button type="button" disabled={action.busy} onClick={() => window.print()}>
              {t('dir.link.printLetter')}
            </button>
          </>
        )}
        {active && (
          <button type="button" className="button-danger" disabled={action.busy} onClick={revoke}>
            {t('dir.link.revoke')}
          </button>
        )}
      </div>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      {link && <UpdateLetter name={organizationName} url={link.url} until={day(link.expiresAt)} qr={qr} />}
    </section>
  );
}

/** The letter a member receives on paper: only it is printed from this page (or the letters, from the batch). */
export function UpdateLetter({ name, url, until, qr }: { name: string; url: string; until: string; qr: string | null }) {
  const { t } = useTranslation();
  const headingId = `letter-${useId().replace(/:/g, '')}`;
  return (
    <article className="update-letter" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('dir.letter.to', { name })}</h3>
      <p>{t('dir.letter.body')}</p>
      {qr && <img className="update-letter-qr" src={qr} alt={t('dir.letter.qrAlt')} />}
      <p className="update-letter-url">{url}</p>
      <p>{t('dir.letter.until', { date: until })}</p>
      <p className="hint">{t('dir.letter.keep')}</p>
    </article>
  );
}
