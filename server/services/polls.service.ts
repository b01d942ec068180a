import { randomUUID } from 'node:crypto';
import { AGREEMENT_SCALE, FIST_OF_FIVE_SCALE, type BallotItem, type PollState, type PollView, type ScaleChoice } from '../../shared/schemas/consensus';
import {
  countRespondents,
  findPollById,
  insertPoll,
  listAnswersOf,
  listAnswersWithSector,
  listPolls,
  type PollRow,
  updatePoll,
  upsertAnswer,
} from '../../db/repositories/votes.repository';
import type { TokenActor } from '../auth/policy';
import { AppError } from '../errors';
import { authorizeRoom } from './access.service';
import { recordAudit } from './audit.service';
import { readBallotItems } from './ballot-items';
import type { ServiceContext } from './context';
import { requireOpenSession } from './control.service';
import { computePollResults } from './poll-results';
import { pollItems, pollScale } from './stored-json';

const itemsOf = (ctx: ServiceContext, row: PollRow): BallotItem[] => pollItems.decode(ctx.log, row.id, row.items);
const scaleOf = (ctx: ServiceContext, row: PollRow): ScaleChoice[] => pollScale.decode(ctx.log, row.id, row.scale);

async function findPollOfSession(ctx: ServiceContext, actor: TokenActor, pollId: string): Promise<PollRow> {
  const poll = await findPollById(ctx.db, pollId);
  if (!poll || poll.session_id !== actor.sessionId) throw new AppError('not_found', 'no such poll');
  return poll;
}

/** A poll of the caller's session that may still change (the session is open). */
async function pollOfSession(ctx: ServiceContext, actor: TokenActor, pollId: string): Promise<PollRow> {
  await requireOpenSession(ctx.db, actor.sessionId);
  return findPollOfSession(ctx, actor, pollId);
}

function requireFacilitator(actor: TokenActor): void {
  if (actor.role !== 'facilitator') throw new AppError('forbidden', 'only the facilitator runs polls');
}

/** Open an agreement poll (合意度) on a few items. */
export async function openPoll(
  ctx: ServiceContext,
  actor: TokenActor,
  input: { room: string; itemIds: string[]; scale: 'agreement' | 'fist-of-five' | ScaleChoice[]; title: string },
): Promise<{ pollId: string }> {
  requireFacilitator(actor);
  await requireOpenSession(ctx.db, actor.sessionId);
  const { board } = await authorizeRoom(ctx, actor, input.room);
  const scale = input.scale === 'agreement' ? AGREEMENT_SCALE : input.scale === 'fist-of-five' ? FIST_OF_FIVE_SCALE : input.scale;
  if (new Set(scale.map((c) => c.id)).size !== scale.length) throw new AppError('bad_request', 'scale choices must be distinct');
  const items = await readBallotItems(ctx, board, input.itemIds);
  const pollId = randomUUID();
  await insertPoll(ctx.db, {
    id: pollId,
    session_id: actor.sessionId,
    room: board.room,
    title: input.title,
    items: pollItems.encode(items),
    scale: pollScale.encode(scale),
    status: 'open',
    created_at: ctx.now().toISOString(),
    revealed_at: null,
  });
  await recordAudit(ctx, actor, 'poll.open', { sessionId: actor.sessionId, target: pollId });
  return { pollId };
}

/** Answer one item (answering again replaces the answer). */
export async function answerPoll(ctx: ServiceContext, actor: TokenActor, input: { pollId: string; itemId: string; choice: string; reason: string }): Promise<void> {
  if (actor.role !== 'participant' || !actor.participantId) throw new AppError('forbidden', 'only participants answer');
  const poll = await pollOfSession(ctx, actor, input.pollId);
  if (poll.status !== 'open') throw new AppError('not_open', 'the poll is closed');
  if (!itemsOf(ctx, poll).some((i) => i.id === input.itemId)) throw new AppError('bad_request', 'not an item of this poll');
  if (!scaleOf(ctx, poll).some((c) => c.id === input.choice)) throw new AppError('bad_request', 'not a choice of this scale');
  await upsertAnswer(ctx.db, {
    poll_id: poll.id,
    participant_id: actor.participantId,
    item_id: input.itemId,
    choice: input.choice,
    reason: input.reason,
    answered_at: ctx.now().toISOString(),
  });
}

export async function closePoll(ctx: ServiceContext, actor: TokenActor, pollId: string): Promise<void> {
  requireFacilitator(actor);
  const poll = await pollOfSession(ctx, actor, pollId);
  if (poll.status === 'open') await updatePoll(ctx.db, poll.id, { status: 'closed' });
}

export async function revealPoll(ctx: ServiceContext, actor: TokenActor, pollId: string): Promise<void> {
  requireFacilitator(actor);
  const poll = await pollOfSession(ctx, actor, pollId);
  if (poll.status !== 'revealed') await updatePoll(ctx.db, poll.id, { status: 'revealed', revealed_at: ctx.now().toISOString() });
  await recordAudit(ctx, actor, 'poll.reveal', { sessionId: actor.sessionId, target: pollId });
}

/** A poll for the caller's screen, with only the caller's own answers. */
export async function getPollView(ctx: ServiceContext, actor: TokenActor, pollId: string): Promise<PollView> {
  const poll = await findPollOfSession(ctx, actor, pollId);
  const mine = actor.participantId ? await listAnswersOf(ctx.db, poll.id, actor.participantId) : [];
  return {
    pollId: poll.id,
    room: poll.room,
    title: poll.title,
    items: itemsOf(ctx, poll),
    scale: scaleOf(ctx, poll),
    status: poll.status,
    mine: Object.fromEntries(mine.map((a) => [a.item_id, { choice: a.choice, reason: a.reason }])),
  };
}

/** What everyone may know of a poll: before reveal only how many answered; after, the sector view. */
export async function pollState(ctx: ServiceContext, pollId: string): Promise<PollState> {
  const poll = await findPollById(ctx.db, pollId);
  if (!poll) throw new AppError('not_found', 'no such poll');
  const respondents = await countRespondents(ctx.db, poll.id);
  if (poll.status !== 'revealed') return { pollId: poll.id, status: poll.status, respondents };
  const answers = await listAnswersWithSector(ctx.db, poll.id);
  return { pollId: poll.id, status: 'revealed', respondents, scale: scaleOf(ctx, poll), results: computePollResults(itemsOf(ctx, poll), scaleOf(ctx, poll), answers, ctx.config.smallGroupThreshold) };
}

export async function sessionPollStates(ctx: ServiceContext, sessionId: string): Promise<PollState[]> {
  return Promise.all((await listPolls(ctx.db, sessionId)).map((p) => pollState(ctx, p.id)));
}

export async function listPollSummaries(ctx: ServiceContext, sessionId: string) {
  return (await listPolls(ctx.db, sessionId)).map((p) => ({ pollId: p.id, room: p.room, title: p.title, status: p.status }));
}
