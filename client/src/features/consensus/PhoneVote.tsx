import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BallotItem, VoteState } from '../../../../shared/schemas/consensus';
import { KindLabel } from '../../components/KindLabel';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import type { BoardCard } from '../../realtime/board';
import { type Tracked, useVoteView } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { shortLabel } from './labels';
import { ItemOrigin } from './ItemOrigin';
import { VoteResults } from './VoteResults';

interface PhoneVoteProps {
  channel: ControlChannel | null;
  state: Tracked<VoteState>;
  /** Cards the phone knows, to show each card item's kind. */
  cards: BoardCard[];
}

/**
 * Dot voting on a phone: "put stickers on what matters — 3 left", each item with − and +; each
 * press sends the item's new total, and the server answers with what is left. After the close
 * the buttons rest; after the reveal, the ranking.
 */
export function PhoneVote({ channel, state, cards }: PhoneVoteProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [view, update] = useVoteView(channel, state.voteId, state.status);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = state.status === 'open';

  if (state.status === 'revealed') {
    return (
      <section className="panel stack vote-phone" aria-labelledby="vote-phone-heading">
        <h2 id="vote-phone-heading">{t('vote.results')}</h2>
        {view?.title && <p className="vote-title">{view.title}</p>}
        <p>{t('vote.voters', { count: state.voters })}</p>
        <VoteResults state={state} mine={view?.mine} />
      </section>
    );
  }
  if (!view) return <p>{t('common.loading')}</p>;

  const cast = async (item: BallotItem, dots: number) => {
    if (!channel || pending) return;
    setPending(item.id);
    setError(null);
    const ack = await channel.send('vote:cast', { voteId: view.voteId, itemId: item.id, dots });
    setPending(null);
    if (ack.ok) update((v) => ({ ...v, mine: { ...v.mine, [item.id]: dots }, remaining: ack.remaining }));
    else setError(errorText(ack.error));
  };

  return (
    <section className="panel stack vote-phone" aria-labelledby="vote-phone-heading">
      <h2 id="vote-phone-heading">{t('vote.phoneTitle')}</h2>
      {view.title && <p className="vote-title">{view.title}</p>}
      <p className="vote-remaining" aria-live="polite">
        <span className="vote-stickers" aria-hidden="true">
          {'●'.repeat(Math.max(0, view.remaining))}
          {'○'.repeat(Math.max(0, view.dotsPerPerson - view.remaining))}
        </span>{' '}
        {t('vote.remaining', { count: view.remaining })}
      </p>
      {open ? <p className="hint">{t('vote.phoneHint', { max: view.maxPerItem })}</p> : <p className="message">{t('vote.closedPhone')}</p>}
      <LiveMessage tone="error">{error}</LiveMessage>
      <ul className="vote-items">
        {view.items.map((item) => {
          const dots = view.mine[item.id] ?? 0;
          const card = item.kind === 'card' ? cards.find((c) => c.id === item.id) : undefined;
          const name = shortLabel(item.label);
          return (
            <li key={item.id} className={`vote-item${dots > 0 ? ' has-dots' : ''}`}>
              <div className="vote-item-text">
                {card ? (
                  <KindLabel kind={card.kind} />
                ) : (
                  <span className="kind-label kind-group">
                    <span aria-hidden="true">▣</span> {item.kind === 'group' ? t('vote.group') : t('vote.card')}
                  </span>
                )}
                <p className="card-text">{item.label}</p>
                <ItemOrigin item={item} />
              </div>
              <div className="vote-stepper">
                <button type="button" className="vote-step vote-step-minus" aria-label={t('vote.remove', { label: name })} disabled={!open || dots === 0} onClick={() => void cast(item, dots - 1)}>
                  −
                </button>
                <output className="vote-count">
                  <span aria-hidden="true">{dots > 0 ? '●'.repeat(dots) : '—'}</span>
                  <span className="vote-count-number">
                    <span className="visually-hidden">{name}: </span>
                    {t('vote.sticker', { count: dots })}
                  </span>
                </output>
                <button type="button" className="vote-step vote-step-plus" aria-label={t('vote.add', { label: name })} disabled={!open} onClick={() => void cast(item, dots + 1)}>
                  ＋
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
