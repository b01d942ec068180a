import { useTranslation } from 'react-i18next';
import type { Reactions } from '../realtime/consensus';

/** 共感 (+1) on one card: a toggle that shows its state (aria-pressed) and the server's count. */
export function ReactionButton({ cardId, reactions, label }: { cardId: string; reactions: Reactions; label: string }) {
  const { t } = useTranslation();
  const count = reactions.counts[cardId] ?? 0;
  const pressed = reactions.mine.has(cardId);
  return (
    <button type="button" className="button-quiet reaction-button" aria-pressed={pressed} aria-label={t('reaction.label', { text: label, count })} onClick={() => reactions.toggle(cardId)}>
      <span aria-hidden="true">{pressed ? '♥' : '♡'} </span>
      {t('reaction.button', { count })}
    </button>
  );
}
