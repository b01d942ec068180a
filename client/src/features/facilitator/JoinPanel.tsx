import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../shared/schemas/api';

/** What the facilitator shows the room: the join code in large digits, the link, its QR code. */
export function JoinPanel({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  return (
    <section className="panel join-panel" aria-labelledby="join-info-heading">
      <h2 id="join-info-heading">{t('session.joinInfo')}</h2>
      <div className="join-panel-body">
        <dl className="join-facts">
          <dt>{t('session.joinCode')}</dt>
          <dd className="join-code" aria-label={session.joinCode.split('').join(' ')}>
            {session.joinCode}
          </dd>
          <dt>{t('session.joinUrl')}</dt>
          <dd>
            <a href={session.joinUrl} className="join-url">
              {session.joinUrl}
            </a>
          </dd>
        </dl>
        <img className="join-qr" src={session.qrUrl} alt={t('session.qrAlt')} width={220} height={220} />
      </div>
    </section>
  );
}
