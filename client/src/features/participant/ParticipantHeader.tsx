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

/** Stays at the top of the phone: the phase, what can be written now, the timer, the connection. */
export function ParticipantHeader({ session, clockOffset, status }: ParticipantHeaderProps) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const phase = session?.phases[session.phaseIndex];
  const kinds = writableKinds(session);
  return (
    <div className="sticky-phase">
      <div className="sticky-phase-row">
        <div className="phase-summary" aria-live="polite">
          {session && phase && <p className="phase-current">{t('phase.current', { index: session.phaseIndex + 1, count: session.phases.length, title: phaseTitle(phase) })}</p>}
          {session && (
            <p className="muted">
              {session.locked
                ? t('error.board_locked')
                : kinds.length > 0
                  ? t('phase.allowedKinds', { kinds: kinds.map((kind) => t(`cardKind.${kind}`)).join(t('phase.kindSeparator')) })
                  : t('phase.noCards')}
            </p>
          )}
        </div>
        {session && session.timer.durationMs > 0 && <TimerDisplay timer={session.timer} clockOffset={clockOffset} />}
      </div>
      <ConnectionStatus status={status} />
    </div>
  );
}
