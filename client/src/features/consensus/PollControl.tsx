import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollState, PollView, VoteState, VoteView } from '../../../../shared/schemas/consensus';
import { LiveMessage } from '../../components/LiveMessage';
import type { Tracked } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { useRequest } from '../facilitator/run/use-request';
import { type BoardContent, boardCandidates, type Candidate, topItems } from './items';
import { ItemOrigin } from './ItemOrigin';
import { groupTexts } from './VoteControl';
import { SectorView } from './SectorView';

interface PollControlProps {
  channel: ControlChannel | null;
  poll: Tracked<PollState> | null;
  view: PollView | null;
  /** The latest vote: a revealed one offers its top items. */
  vote: Tracked<VoteState> | null;
  voteView: VoteView | null;
  content: BoardContent;
}

/** The latest agreement poll (how many answered; close; reveal; the sector view) and a form to open one. */
export function PollControl({ channel, poll, view, vote, voteView, content }: PollControlProps) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const [formOpen, setFormOpen] = useState(false);
  const revealedVote = vote?.status === 'revealed' && voteView?.voteId === vote.voteId ? vote : null;
  const onBoard = boardCandidates(content.cards, content.groups);
  return (
    <section className="stack consensus-part" aria-labelledby="poll-control-heading">
      <h3 id="poll-control-heading">{t('poll.title')}</h3>
      {poll ? (
        <div className="stack">
          {view?.title && <p className="vote-title">{view.title}</p>}
          <p className="vote-count-line" aria-live="polite">
            {t('poll.respondents', { count: poll.respondents })} <span className={`badge status-${poll.status}`}>{t(`poll.status.${poll.status}`)}</span>
          </p>
          <div className="button-row">
            {poll.status === 'open' && (
              <button type="button" disabled={request.busy} onClick={() => void request.send('poll:close', { pollId: poll.pollId })}>
                {t('poll.close')}
              </button>
            )}
            {poll.status !== 'revealed' && (
              <button type="button" className="button-primary" disabled={request.busy} onClick={() => void request.send('poll:reveal', { pollId: poll.pollId })}>
                {t('poll.reveal')}
              </button>
            )}
          </div>
          {poll.status === 'revealed' && <SectorView state={poll} headingLevel={4} showReasons />}
        </div>
      ) : (
        <p className="muted">{t('poll.none')}</p>
      )}
      <LiveMessage tone="error">{request.error}</LiveMessage>
      <details className="consensus-form" open={formOpen} onToggle={(e) => setFormOpen(e.currentTarget.open)}>
        <summary>{t('poll.newTitle')}</summary>
        {formOpen &&
          (revealedVote && voteView ? (
            <PollOpenForm
              key={revealedVote.voteId}
              channel={channel}
              room={voteView.room}
              candidates={revealedVote.results.map((r) => ({ ...(voteView.items.find((i) => i.id === r.itemId) ?? { id: r.itemId, label: r.label, kind: 'card' as const }), dots: r.dots }))}
              preset={topItems(revealedVote.results)}
              fromVote
              onOpened={() => setFormOpen(false)}
            />
          ) : (
            <PollOpenForm
              key={content.room}
              channel={channel}
              room={content.room}
              candidates={[...onBoard.groups.map((g) => ({ ...g, cards: groupTexts(content, g.id) })), ...onBoard.cards].map((c) => ({ ...c, table: content.origin?.get(c.id)?.table }))}
              preset={[]}
              fromVote={false}
              onOpened={() => setFormOpen(false)}
            />
          ))}
      </details>
    </section>
  );
}

interface PollOpenFormProps {
  channel: ControlChannel | null;
  room: string;
  candidates: Array<Candidate & { dots?: number }>;
  /** The items checked at first. */
  preset: string[];
  /** The candidates are a revealed vote's ranking. */
  fromVote: boolean;
  onOpened: () => void;
}

function PollOpenForm({ channel, room, candidates, preset, fromVote, onOpened }: PollOpenFormProps) {
  const { t } = useTranslation();
  const request = useRequest(channel);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(preset));
  const [scale, setScale] = useState<'agreement' | 'fist-of-five'>('agreement');
  const [title, setTitle] = useState('');
  const [invalid, setInvalid] = useState(false);

  const toggle = (id: string) =>
    setChosen((all) => {
      const next = new Set(all);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const itemIds = candidates.filter((c) => chosen.has(c.id)).map((c) => c.id);
    if (itemIds.length === 0 || itemIds.length > 30) return setInvalid(true);
    setInvalid(false);
    const ack = await request.send('poll:open', { room, itemIds, scale, title: title.trim() });
    if (ack?.ok) onOpened();
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset className="poll-candidates">
        <legend>{t('poll.items')}</legend>
        <p className="hint">{fromVote ? t('poll.itemsHintVote') : t('poll.itemsHintBoard')}</p>
        {candidates.map((c, index) => (
          <label key={c.id} className="check">
            <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} />
            {c.kind === 'group' && <span aria-hidden="true">▣</span>}
            {fromVote ? t('poll.rankedItem', { rank: index + 1, label: c.label, count: c.dots ?? 0 }) : c.label}
            <ItemOrigin item={c} />
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('poll.scale')}</legend>
        <label className="choice">
          <input type="radio" name="poll-scale" checked={scale === 'agreement'} onChange={() => setScale('agreement')} />
          {t('poll.scale.agreement')}
        </label>
        <label className="choice">
          <input type="radio" name="poll-scale" checked={scale === 'fist-of-five'} onChange={() => setScale('fist-of-five')} />
          {t('poll.scale.fist')}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="poll-title">{t('poll.titleField')}</label>
        <input id="poll-title" maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <LiveMessage tone="error">{invalid ? t('poll.noItems') : request.error}</LiveMessage>
      <button type="submit" className="button-primary" disabled={request.busy}>
        {t('poll.open')}
      </button>
    </form>
  );
}
