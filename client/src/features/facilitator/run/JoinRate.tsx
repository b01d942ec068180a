import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type JoinRateView } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { LiveMessage } from '../../../components/LiveMessage';

/** How often the join rate is asked for while the run page is open. */
const REFRESH_MS = 15_000;

/**
 * Joins in the last minute and in each of the last ten, the count against the session's limit,
 * and the limit itself (the facilitator may change it): a flood of identities shows at once.
 */
export function JoinRate({ sessionId, refreshKey }: { sessionId: string; refreshKey: string }) {
  const { t } = useTranslation();
  const [rate, setRate] = useState<JoinRateView | null>(null);
  const [cap, setCap] = useState('');
  const action = useAction();

  useEffect(() => {
    let current = true;
    const load = () =>
      api.joinRate(sessionId).then(
        (value) => {
          if (!current) return;
          setRate(value);
          setCap((shown) => shown || String(value.cap));
        },
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [sessionId, refreshKey]);

  const saveCap = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(cap);
    const saved = await action.run(() => api.patchSession(sessionId, { participantCap: value }), (s) => t('people.capSaved', { cap: s.participantCap }));
    if (saved && rate) setRate({ ...rate, cap: saved.participantCap });
  };

  if (!rate) return null;
  return (
    <div className="join-rate stack">
      <p>
        <strong>{t('people.joinRate', { count: rate.lastMinute })}</strong> <span className="muted">{t('people.joinTotal', { total: rate.total, cap: rate.cap })}</span>
      </p>
      <p className="muted">{t('people.joinHistory', { counts: rate.perMinute.join(' · ') })}</p>
      {rate.total >= rate.cap && <LiveMessage tone="error">{t('people.full')}</LiveMessage>}
      <form className="button-row" onSubmit={saveCap}>
        <div className="field field-inline">
          <label htmlFor="participant-cap">{t('people.cap')}</label>
          <input id="participant-cap" type="number" inputMode="numeric" min={1} max={5000} required value={cap} onChange={(e) => setCap(e.target.value)} />
        </div>
        <button type="submit" className="button-quiet" disabled={action.busy}>
          {t('people.capSave')}
        </button>
      </form>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </div>
  );
}
