import type { BoardCard } from '../../realtime/board';
import { type ConsensusStore, focusOf, latestPoll, latestVote, useConsensus } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { PhoneOutcome } from './PhoneOutcome';
import { PhonePoll } from './PhonePoll';
import { PhoneVote } from './PhoneVote';
import './consensus.css';

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
  const outcome = snapshot.outcome && <PhoneOutcome outcome={snapshot.outcome} />;
  if (!focus) return outcome;
  const shownVote = focus.kind === 'vote' ? focus.state : vote?.status === 'open' ? vote : null;
  const shownPoll = focus.kind === 'poll' ? focus.state : poll?.status === 'open' ? poll : null;
  const voteShown = shownVote && <PhoneVote key={shownVote.voteId} channel={channel} state={shownVote} cards={cards} />;
  const pollShown = shownPoll && <PhonePoll key={shownPoll.pollId} channel={channel} state={shownPoll} />;
  return (
    <>
      {focus.kind === 'vote' ? voteShown : pollShown}
      {focus.kind === 'vote' ? pollShown : voteShown}
      {outcome}
    </>
  );
}
