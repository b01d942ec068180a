import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../shared/protocol';
import { LiveMessage } from '../../components/LiveMessage';
import { usePhaseTitle, writableKinds } from '../../components/PhaseSummary';
import type { ControlChannel } from '../../realtime/control';
import { useRequest } from './run/use-request';

/**
 * The facilitator steps through the programme, or jumps to any phase from the list; the server
 * broadcasts the new phase to everyone. Which cards can be written now is the list's description.
 */
export function PhaseControl({ session, channel }: { session: ControlState; channel: ControlChannel | null }) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const request = useRequest(channel);
  const id = useId();
  const last = session.phases.length - 1;
  const kinds = writableKinds(session);
  const go = (index: number) => void request.send('phase:set', { index });
  const allowed = session.locked
    ? t('error.board_locked')
    : kinds.length > 0
      ? t('phase.allowedKinds', { kinds: kinds.map((kind) => t(`cardKind.${kind}`)).join(t('phase.kindSeparator')) })
      : t('phase.noCards');

  return (
    <div className="phase-control">
      <label htmlFor={`${id}-phase`} className="visually-hidden">
        {t('phase.jump')}
      </label>
      <select id={`${id}-phase`} className="phase-select" value={session.phaseIndex} disabled={request.busy} aria-describedby={`${id}-kinds`} onChange={(e) => go(Number(e.target.value))}>
        {session.phases.map((phase, index) => (
          <option key={`${phase.key}-${index}`} value={index}>
            {t('phase.current', { index: index + 1, count: session.phases.length, title: phaseTitle(phase) })}
          </option>
        ))}
      </select>
      <span id={`${id}-kinds`} className="phase-kinds" aria-live="polite">
        {allowed}
      </span>
      <div className="button-row">
        <button type="button" className="button-quiet" disabled={request.busy || session.phaseIndex <= 0} onClick={() => go(session.phaseIndex - 1)}>
          {t('phase.previous')}
        </button>
        <button type="button" disabled={request.busy || session.phaseIndex >= last} onClick={() => go(session.phaseIndex + 1)}>
          {t('phase.next')}
        </button>
      </div>
      <LiveMessage tone="error">{request.error}</LiveMessage>
    </div>
  );
}
