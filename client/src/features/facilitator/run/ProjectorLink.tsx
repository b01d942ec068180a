import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { LiveMessage } from '../../../components/LiveMessage';

/**
 * Make a read-only projector link. "Open" opens it on this computer (same address as this page,
 * for a second screen); the link itself, with the public address, is shown for another device.
 */
export function ProjectorLink({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const action = useAction();

  const open = async () => {
    const link = url ?? (await action.run(() => api.observerLink(sessionId)))?.url;
    if (!link) return;
    setUrl(link);
    const here = new URL(link);
    window.open(`${location.origin}${here.pathname}${here.hash}`, '_blank', 'noopener');
  };

  return (
    <div className="projector-link">
      <button type="button" disabled={action.busy} onClick={() => void open()}>
        {t('run.projector')}
      </button>
      {url && (
        <div className="field">
          <label htmlFor="projector-url">{t('run.projectorLink')}</label>
          <input id="projector-url" readOnly value={url} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </div>
  );
}
