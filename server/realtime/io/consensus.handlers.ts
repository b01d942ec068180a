import type { ZodType } from 'zod';
import { pollAnswerSchema, pollOpenSchema, pollRefSchema, voteCastSchema, voteOpenSchema, voteRefSchema } from '../../../shared/schemas/consensus';
import type { ServiceContext } from '../../services/context';
import { answerPoll, closePoll, getPollView, openPoll, pollState, revealPoll } from '../../services/polls.service';
import { castDots, closeVote, getVoteView, openVote, revealVote, voteState } from '../../services/votes.service';
import { handleRequest, type IoSocket, type RequestLimiter } from './request';
import { sessionChannel } from './channels';

/** Dot votes and agreement polls. Every change is followed by the public state, never by anyone's votes. */
export function registerConsensusHandlers(ctx: ServiceContext, socket: IoSocket, limiter: RequestLimiter): void {
  const { actor } = socket.data;
  const on = <P, R extends object>(schema: ZodType<P>, run: (p: P) => Promise<R>) => handleRequest(ctx, socket, limiter, schema, run);
  const channel = () => socket.nsp.to(sessionChannel(actor.sessionId));
  const publishVote = async (voteId: string) => channel().emit('vote:state', await voteState(ctx, voteId));
  const publishPoll = async (pollId: string) => channel().emit('poll:state', await pollState(ctx, pollId));

  socket.on('vote:open', on(voteOpenSchema, async (p) => {
    const { voteId } = await openVote(ctx, actor, p);
    await publishVote(voteId);
    return { voteId };
  }));
  socket.on('vote:cast', on(voteCastSchema, async (p) => {
    const result = await castDots(ctx, actor, p);
    await publishVote(p.voteId);
    return result;
  }));
  socket.on('vote:close', on(voteRefSchema, async (p) => {
    await closeVote(ctx, actor, p.voteId);
    await publishVote(p.voteId);
    return {};
  }));
  socket.on('vote:reveal', on(voteRefSchema, async (p) => {
    await revealVote(ctx, actor, p.voteId);
    await publishVote(p.voteId);
    return {};
  }));
  socket.on('vote:get', on(voteRefSchema, async (p) => ({ vote: await getVoteView(ctx, actor, p.voteId) })));

  socket.on('poll:open', on(pollOpenSchema, async (p) => {
    const { pollId } = await openPoll(ctx, actor, p);
    await publishPoll(pollId);
    return { pollId };
  }));
  socket.on('poll:answer', on(pollAnswerSchema, async (p) => {
    await answerPoll(ctx, actor, p);
    await publishPoll(p.pollId);
    return {};
  }));
  socket.on('poll:close', on(pollRefSchema, async (p) => {
    await closePoll(ctx, actor, p.pollId);
    await publishPoll(p.pollId);
    return {};
  }));
  socket.on('poll:reveal', on(pollRefSchema, async (p) => {
    await revealPoll(ctx, actor, p.pollId);
    await publishPoll(p.pollId);
    return {};
  }));
  socket.on('poll:get', on(pollRefSchema, async (p) => ({ poll: await getPollView(ctx, actor, p.pollId) })));
}
