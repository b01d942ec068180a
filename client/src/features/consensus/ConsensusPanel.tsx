import { useTranslation } from 'react-i18next';
import { useBoard } from '../../realtime/board';
import { type ConsensusStore, latestPoll, latestVote, usePollView, useConsensus, useVoteView } from '../../realtime/consensus';
import type { ControlChannel } from '../../realtime/control';
import { useGroups } from '../../realtime/groups';
import { OutcomePanel } from './OutcomePanel';
import { PollControl } from './PollControl';
import { VoteControl } from './VoteControl';
import './consensus.css';

interface ConsensusPanelProps {
  sessionId: string;
  token: string;
  channel: ControlChannel | null;
  store: ConsensusStore | null;
  /** The board the facilitator is looking at: new votes, polls and decisions are about it. */
  room: string;
  boardName: string;
}

/**
 * The facilitator's consensus tools for the running session: the dot vote (open, close, reveal),
 * the agreement poll on the top items with its cross-sector view, and the decisions and
 * follow-up actions.
 */
export function ConsensusPanel({ sessionId, token, channel, store, room, boardName }: ConsensusPanelProps) {
  const { t } = useTranslation();
  const snapshot = useConsensus(store);
  const board = useBoard(room, token);
  const groups = useGroups(board.doc);
  const vote = latestVote(snapshot);
  const [voteView] = useVoteView(channel, vote?.voteId, vote?.status);
  const poll = latestPoll(snapshot);
  const [pollView] = usePollView(channel, poll?.pollId, poll?.status);
  const content = { room, boardName, cards: board.cards, groups };

  return (
    <section className="panel stack consensus-panel" aria-labelledby="consensus-heading">
      <h2 id="consensus-heading">{t('consensus.panel')}</h2>
      <VoteControl channel={channel} vote={vote} view={voteView} content={content} />
      <PollControl channel={channel} poll={poll} view={pollView} vote={vote} voteView={voteView} content={content} />
      <OutcomePanel sessionId={sessionId} outcome={snapshot.outcome} vote={vote} voteView={voteView} poll={poll} pollView={pollView} content={content} />
    </section>
  );
}
