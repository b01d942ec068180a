import { useTranslation } from 'react-i18next';
import type { LinkStatus } from '../realtime/board';

/** Online, connecting or offline, as a word beside a shape (not colour alone), announced when it changes. */
export function ConnectionStatus({ status }: { status: LinkStatus }) {
  const { t } = useTranslation();
  const online = status === 'online';
  const label = online ? t('connection.online') : status === 'connecting' ? t('connection.connecting') : t('connection.offline');
  return (
    <p className={`connection ${online ? 'is-online' : 'is-offline'}`} role="status">
      <span className="connection-dot" aria-hidden="true">
        {online ? '●' : '○'}
      </span>
      {label}
      {status === 'offline' && <span className="connection-hint">{t('connection.offlineHint')}</span>}
    </p>
  );
}
