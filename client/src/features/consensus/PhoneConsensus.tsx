import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Later, lazyPart } from '../../components/Later';
import type { BoardCard } from '../../realtime/board';
import { type ConsensusStore, latestPoll, latestVote, useConsensus } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import './consensus.css';

// Votes, polls and decisions come late in a workshop: their code loads when the first one shows,
// not with the page a phone opens to join.
const PhoneOutcome = lazyPart(async () => (await import('./PhoneOutcome')).PhoneOutcome);
const PhonePoll = lazyPart(async () => (await import('./PhonePoll')).PhonePoll);
const PhoneVote = lazyPart(async () => (await import('./PhoneVote')).PhoneVote);

interface PhoneConsensusProps {
  channel: ControlChannel | null;
  store: ConsensusStore | null;
  /** The cards this phone knows (to show card kinds on vote items). */
  cards: BoardCard[];
  /**
   * `now`: the vote or poll the phone is asked to answer (open, or closed and not yet revealed),
   * at the top of the page. `earlier`: revealed results and the decisions so far, each folded
   * behind one line, below the phase's own action, so they never push it off the first screen.
   */
  part: 'now' | 'earlier';
}

/** The vote, the poll, their results and the decisions, on the phone; see `part`. */
export function PhoneConsensus({ channel, store, cards, part }: PhoneConsensusProps) {
  const { t } = useTranslation();
  const snapshot = useConsensus(store);
  const vote = latestVote(snapshot);
  const poll = latestPoll(snapshot);
  const pending = (status: string | undefined) => status === 'open' || status === 'closed';
  const voteShown = vote && (
    <Later>
      <PhoneVote key={vote.voteId} channel={channel} state={vote} cards={cards} />
    </Later>
  );
  const pollShown = poll && (
    <Later>
      <PhonePoll key={poll.pollId} channel={channel} state={poll} />
    </Later>
  );

  if (part === 'now') {
    // The one opened last comes first: it is what the facilitator just asked for.
    const shown: { key: string; seq: number; node: ReactNode }[] = [];
    if (vote && pending(vote.status)) shown.push({ key: 'vote', seq: vote.seq, node: voteShown });
    if (poll && pending(poll.status)) shown.push({ key: 'poll', seq: poll.seq, node: pollShown });
    shown.sort((a, b) => b.seq - a.seq);
    return (
      <>
        {shown.map((x) => (
          <Fragment key={x.key}>{x.node}</Fragment>
        ))}
      </>
    );
  }

  // Every session sends an outcome, empty until something is decided: only then load its code.
  const decided = snapshot.outcome?.decisions.length || snapshot.outcome?.actions.length ? snapshot.outcome : null;
  const folds: { key: string; summary: string; body: ReactNode }[] = [];
  if (vote?.status === 'revealed') folds.push({ key: 'vote', summary: t('vote.results'), body: voteShown });
  if (poll?.status === 'revealed') folds.push({ key: 'poll', summary: t('poll.results'), body: pollShown });
  if (decided) {
    folds.push({
      key: 'outcome',
      summary: t('outcome.title'),
      body: (
        <Later>
          <PhoneOutcome outcome={decided} />
        </Later>
      ),
    });
  }
  if (folds.length === 0) return null;
  return (
    <section className="phone-earlier" aria-label={t('participant.earlier')}>
      {folds.map((fold) => (
        <details key={fold.key} className="phone-fold">
          <summary>{fold.summary}</summary>
          {fold.body}
        </details>
      ))}
    </section>
  );
}
