import { Later, lazyPart } from '../../components/Later';
import type { BoardCard } from '../../realtime/board';
import { type ConsensusStore, focusOf, latestPoll, latestVote, useConsensus } from '../../realtime/consensus';
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
}

/**
 * What the phone is asked to do now: the vote or poll the facilitator opened last (or its
 * results), the other one while it is still open, and the decisions and actions so far.
 */
export function PhoneConsensus({ channel, store, cards }: PhoneConsensusProps) {
  const snapshot = useConsensus(store);
  const focus = focusOf(snapshot);
  const vote = latestVote(snapshot);
  const poll = latestPoll(snapshot);
  // Every session sends an outcome, empty until something is decided: only then load its code.
  const decided = snapshot.outcome?.decisions.length || snapshot.outcome?.actions.length ? snapshot.outcome : null;
  const outcome = decided && (
    <Later>
      <PhoneOutcome outcome={decided} />
    </Later>
  );
  if (!focus) return outcome;
  const shownVote = focus.kind === 'vote' ? focus.state : vote?.status === 'open' ? vote : null;
  const shownPoll = focus.kind === 'poll' ? focus.state : poll?.status === 'open' ? poll : null;
  const voteShown = shownVote && (
    <Later>
      <PhoneVote key={shownVote.voteId} channel={channel} state={shownVote} cards={cards} />
    </Later>
  );
  const pollShown = shownPoll && (
    <Later>
      <PhonePoll key={shownPoll.pollId} channel={channel} state={shownPoll} />
    </Later>
  );
  return (
    <>
      {focus.kind === 'vote' ? voteShown : pollShown}
      {focus.kind === 'vote' ? pollShown : voteShown}
      {outcome}
    </>
  );
}
