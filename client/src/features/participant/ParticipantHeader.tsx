import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../../shared/protocol';
import { ConnectionStatus } from '../../components/ConnectionStatus';
import { usePhaseTitle, writableKinds } from '../../components/PhaseSummary';
import { TimerDisplay } from '../../components/TimerDisplay';
import type { LinkStatus } from '../../realtime/board';

interface ParticipantHeaderProps {
  session: ControlState | null;
  clockOffset: number;
  status: LinkStatus;
}

/**
 * The phase and the timer stay at the top of the phone in one short row (large text leaves
 * little room); what can be written now and the connection are in `PhaseStatus`, which scrolls.
 */
export function ParticipantHeader({ session, clockOffset }: Omit<ParticipantHeaderProps, 'status'>) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const phase = session?.phases[session.phaseIndex];
  return (
    <div className="sticky-phase">
      <p className="phase-current" aria-live="polite">
        {session && phase ? t('phase.current', { index: session.phaseIndex + 1, count: session.phases.length, title: phaseTitle(phase) }) : t('common.loading')}
      </p>
      {session && session.timer.durationMs > 0 && <TimerDisplay timer={session.timer} clockOffset={clockOffset} />}
    </div>
  );
}

/** What can be written now (or that the board is locked), and the connection. */
export function PhaseStatus({ session, status }: Omit<ParticipantHeaderProps, 'clockOffset'>) {
  const { t } = useTranslation();
  const kinds = writableKinds(session);
  return (
    <div className="phase-status">
      {session && (
        <p className="muted" aria-live="polite">
          {session.locked
            ? t('error.board_locked')
            : kinds.length > 0
              ? t('phase.allowedKinds', { kinds: kinds.map((kind) => t(`cardKind.${kind}`)).join(t('phase.kindSeparator')) })
              : t('phase.noCards')}
        </p>
      )}
      <ConnectionStatus status={status} />
    </div>
  );
}
