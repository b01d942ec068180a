import { useEffect, useState } from 'react';
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

// Hysteresis: the header shrinks past one line of scrolling and grows back only near the top,
// so the height it gives back cannot flip it again.
const COMPACT_AFTER_PX = 48;
const FULL_BEFORE_PX = 4;

/** True once the page is scrolled down (the header then keeps to one short line). */
function useScrolledDown(): boolean {
  const [down, setDown] = useState(false);
  useEffect(() => {
    const onScroll = () => setDown((was) => (was ? window.scrollY > FULL_BEFORE_PX : window.scrollY > COMPACT_AFTER_PX));
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  return down;
}

/**
 * The phase and the timer stay at the top of the phone. Scrolled down, they keep to one line
 * (the phase title cut short, the whole of it still read out), so 200 % text leaves the page
 * most of the screen; what can be written now and the connection are in `PhaseStatus`.
 */
export function ParticipantHeader({ session, clockOffset }: Omit<ParticipantHeaderProps, 'status'>) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const compact = useScrolledDown();
  const phase = session?.phases[session.phaseIndex];
  const ended = session?.status === 'closed';
  return (
    <div className={`sticky-phase${compact ? ' is-compact' : ''}`} data-testid="phase-header">
      <p className="phase-current" aria-live="polite">
        {ended
          ? t('participant.ended')
          : session && phase
            ? t('phase.current', { index: session.phaseIndex + 1, count: session.phases.length, title: phaseTitle(phase) })
            : t('common.loading')}
      </p>
      {session && !ended && session.timer.durationMs > 0 && <TimerDisplay timer={session.timer} clockOffset={clockOffset} />}
    </div>
  );
}

/** What can be written now (or that the board is locked or the session over), and the connection. */
export function PhaseStatus({ session, status }: Omit<ParticipantHeaderProps, 'clockOffset'>) {
  const { t } = useTranslation();
  const kinds = writableKinds(session);
  if (session?.status === 'closed') return null;
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
