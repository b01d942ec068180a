import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../../shared/protocol';
import { secretariatApi } from '../../../api/secretariat';
import { useAction } from '../../../app/use-action';
import { LiveMessage } from '../../../components/LiveMessage';

/**
 * End the session from the run page, after an in-app confirmation (not the browser's dialog,
 * which a projector mirror shows to the room). Closing switches every phone to 終了しました and
 * the closing survey at once (the control state says `closed`).
 */
export function CloseSessionPanel({ sessionId, session }: { sessionId: string; session: ControlState | null }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const { busy, message, run } = useAction();
  const closed = session?.status === 'closed';
  const close = async () => {
    await run(() => secretariatApi.closeSession(sessionId), () => t('report.closed'));
    setConfirming(false);
  };
  return (
    <section className="panel stack" aria-labelledby="close-session-heading">
      <h2 id="close-session-heading">{t('report.close')}</h2>
      {!closed && !confirming && (
        <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
          {t('report.close')}
        </button>
      )}
      {!closed && confirming && (
        <div className="stack" role="group" aria-label={t('report.close')}>
          <p>{t('report.closeConfirm')}</p>
          <div className="button-row">
            <button type="button" className="button-danger" disabled={busy} onClick={() => void close()}>
              {t('report.close')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirming(false)} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <LiveMessage tone={message?.tone}>{message?.text ?? (closed ? t('report.closed') : null)}</LiveMessage>
    </section>
  );
}
