import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../shared/board/templates';
import { CARD_KINDS, type CardKind } from '../../../shared/cards';
import type { TextKey } from '../../../shared/i18n';
import type { ControlState } from '../../../shared/protocol';

/** A phase's own title, else the built-in name for its key (`phase.<key>`), else the key. */
export function usePhaseTitle(): (phase: Phase) => string {
  const { t, i18n } = useTranslation();
  return (phase) => {
    if (phase.title) return phase.title;
    const key = `phase.${phase.key}` as TextKey;
    return i18n.exists(key) ? t(key) : phase.key;
  };
}

/**
 * The card kinds a participant may write now: none while the board is locked, else what the
 * phase allows. Before the server's first state arrives, every kind (the server decides).
 */
export function writableKinds(session: ControlState | null): readonly CardKind[] {
  if (!session) return CARD_KINDS;
  if (session.locked) return [];
  return session.phases[session.phaseIndex]?.allowedKinds ?? [];
}

/** "Phase 4 of 10: Issues", and which cards can be written now; announced when it changes. */
export function PhaseSummary({ session }: { session: ControlState }) {
  const { t } = useTranslation();
  const phaseTitle = usePhaseTitle();
  const phase = session.phases[session.phaseIndex];
  const kinds = writableKinds(session);
  if (!phase) return null;
  return (
    <div className="phase-summary" aria-live="polite">
      <p className="phase-current">{t('phase.current', { index: session.phaseIndex + 1, count: session.phases.length, title: phaseTitle(phase) })}</p>
      <p className="muted">
        {session.locked
          ? t('error.board_locked')
          : kinds.length > 0
            ? t('phase.allowedKinds', { kinds: kinds.map((kind) => t(`cardKind.${kind}`)).join(t('phase.kindSeparator')) })
            : t('phase.noCards')}
      </p>
    </div>
  );
}
