import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { useLoad } from '../../../app/use-load';
import { LiveMessage } from '../../../components/LiveMessage';

/**
 * Make a read-only projector link. "Open" opens it on this computer (same address as this page,
 * for a second screen); the link itself, with the public address, is shown for another device.
 * The links made so far are listed, and each can be revoked: a screen open with it disconnects.
 */
export function ProjectorLink({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [links] = useLoad(() => api.observerLinks(sessionId), [sessionId, version]);
  const action = useAction();
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const open = async () => {
    const link = url ?? (await action.run(() => api.observerLink(sessionId)))?.url;
    if (!link) return;
    setUrl(link);
    setVersion((v) => v + 1);
    const here = new URL(link);
    window.open(`${location.origin}${here.pathname}${here.hash}`, '_blank', 'noopener');
  };
  const revoke = async (linkId: string) => {
    const done = await action.run(async () => {
      await api.revokeObserverLink(sessionId, linkId);
      return true;
    }, () => t('run.projectorRevoked'));
    if (!done) return;
    // The link shown here may be the one just revoked: make a new one next time.
    setUrl(null);
    setVersion((v) => v + 1);
  };

  const list = links.state === 'done' ? links.value : [];
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
      {list.length > 0 && (
        <details>
          <summary>{t('run.projectorLinks')}</summary>
          <ul>
            {list.map((link) => (
              <li key={link.id} className="button-row">
                <span className={link.revoked ? 'muted' : undefined}>
                  {link.revoked
                    ? t('run.projectorLinkRevoked', { created: when(link.createdAt) })
                    : t('run.projectorLinkItem', { created: when(link.createdAt), expires: when(link.expiresAt) })}
                </span>
                {!link.revoked && (
                  <button type="button" className="button-quiet" disabled={action.busy} onClick={() => void revoke(link.id)}>
                    {t('run.projectorRevoke', { created: when(link.createdAt) })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </div>
  );
}
