import type { ServiceContext } from '../../services/context';
import { answerPoll, closePoll, getPollView, openPoll, revealPoll } from '../../services/polls.service';
import { castDots, closeVote, getVoteView, openVote, revealVote } from '../../services/votes.service';
import type { RequestHandlers } from './request';
import type { Broadcasts } from './server';

type ConsensusEvent = 'vote:open' | 'vote:cast' | 'vote:close' | 'vote:reveal' | 'vote:get' | 'poll:open' | 'poll:answer' | 'poll:close' | 'poll:reveal' | 'poll:get';

/** Dot votes and agreement polls. Every change is followed by the public state, never by anyone's votes. */
export function consensusHandlers(ctx: ServiceContext, broadcast: Broadcasts): Pick<RequestHandlers, ConsensusEvent> {
  return {
    'vote:open': async (actor, p) => {
      const { voteId } = await openVote(ctx, actor, p);
      await broadcast.vote(actor.sessionId, voteId);
      return { voteId };
    },
    'vote:cast': async (actor, p) => {
      const result = await castDots(ctx, actor, p);
      await broadcast.vote(actor.sessionId, p.voteId);
      return result;
    },
    'vote:close': async (actor, p) => {
      await closeVote(ctx, actor, p.voteId);
      await broadcast.vote(actor.sessionId, p.voteId);
      return {};
    },
    'vote:reveal': async (actor, p) => {
      await revealVote(ctx, actor, p.voteId);
      await broadcast.vote(actor.sessionId, p.voteId);
      return {};
    },
    'vote:get': async (actor, p) => ({ vote: await getVoteView(ctx, actor, p.voteId) }),
    'poll:open': async (actor, p) => {
      const { pollId } = await openPoll(ctx, actor, p);
      await broadcast.poll(actor.sessionId, pollId);
      return { pollId };
    },
    'poll:answer': async (actor, p) => {
      await answerPoll(ctx, actor, p);
      await broadcast.poll(actor.sessionId, p.pollId);
      return {};
    },
    'poll:close': async (actor, p) => {
      await closePoll(ctx, actor, p.pollId);
      await broadcast.poll(actor.sessionId, p.pollId);
      return {};
    },
    'poll:reveal': async (actor, p) => {
      await revealPoll(ctx, actor, p.pollId);
      await broadcast.poll(actor.sessionId, p.pollId);
      return {};
    },
    'poll:get': async (actor, p) => ({ poll: await getPollView(ctx, actor, p.pollId) }),
  };
}
