import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState, ErrorBody } from '../../../../shared/protocol';
import { LiveMessage } from '../../components/LiveMessage';
import { PhaseSummary } from '../../components/PhaseSummary';
import type { ControlChannel } from '../../realtime/control';
import { useErrorText } from '../../components/error-text';

/** The facilitator steps through the programme; the server broadcasts the new phase to everyone. */
export function PhaseControl({ session, channel }: { session: ControlState; channel: ControlChannel | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const last = session.phases.length - 1;

  const go = async (index: number) => {
    if (!channel) return;
    setBusy(true);
    setError(null);
    const ack = await channel.send('phase:set', { index });
    setBusy(false);
    if (!ack.ok) setError(ack.error);
  };

  return (
    <div className="panel phase-control">
      <PhaseSummary session={session} />
      <div className="button-row">
        <button type="button" className="button-quiet" disabled={busy || session.phaseIndex <= 0} onClick={() => go(session.phaseIndex - 1)}>
          {t('phase.previous')}
        </button>
        <button type="button" disabled={busy || session.phaseIndex >= last} onClick={() => go(session.phaseIndex + 1)}>
          {t('phase.next')}
        </button>
      </div>
      <LiveMessage tone="error">{error && errorText(error)}</LiveMessage>
    </div>
  );
}
