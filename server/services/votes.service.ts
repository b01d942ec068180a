import { randomUUID } from 'node:crypto';
import type { BallotItem, VoteState, VoteView } from '../../shared/schemas/consensus';
import { listParticipants } from '../../db/repositories/sessions.repository';
import {
  countVoters,
  findVoteById,
  insertVote,
  listAllDots,
  listDotsOf,
  listVotes,
  setDots,
  updateVote,
  type VoteRow,
} from '../../db/repositories/votes.repository';
import { serializeOn } from '../../db/dialect';
import type { TokenActor } from '../auth/policy';
import { AppError } from '../errors';
import { authorizeRoom } from './access.service';
import { recordAudit } from './audit.service';
import { readBallotItems } from './ballot-items';
import type { ServiceContext } from './context';
import { requireOpenSession } from './control.service';
import { voteItems } from './stored-json';

const itemsOf = (ctx: ServiceContext, row: { id: string; items: string }): BallotItem[] => voteItems.decode(ctx.log, row.id, row.items);

function requireFacilitator(actor: TokenActor): void {
  if (actor.role !== 'facilitator') throw new AppError('forbidden', 'only the facilitator runs votes');
}

async function findVoteOfSession(ctx: ServiceContext, actor: TokenActor, voteId: string): Promise<VoteRow> {
  const vote = await findVoteById(ctx.db, voteId);
  if (!vote || vote.session_id !== actor.sessionId) throw new AppError('not_found', 'no such vote');
  return vote;
}

/** A vote of the caller's session that may still change (the session is open). */
async function voteOfSession(ctx: ServiceContext, actor: TokenActor, voteId: string): Promise<VoteRow> {
  await requireOpenSession(ctx.db, actor.sessionId);
  return findVoteOfSession(ctx, actor, voteId);
}

/** Open a dot vote on cards or groups of one board (or, on the main board, of every table). */
export async function openVote(
  ctx: ServiceContext,
  actor: TokenActor,
  input: { room: string; itemIds: string[]; dotsPerPerson: number; maxPerItem: number; anonymous: boolean; title: string },
): Promise<{ voteId: string }> {
  requireFacilitator(actor);
  await requireOpenSession(ctx.db, actor.sessionId);
  const { board } = await authorizeRoom(ctx, actor, input.room);
  if (input.maxPerItem > input.dotsPerPerson) throw new AppError('bad_request', 'maxPerItem cannot exceed dotsPerPerson');
  const items = await readBallotItems(ctx, board, input.itemIds);
  const voteId = randomUUID();
  await insertVote(ctx.db, {
    id: voteId,
    session_id: actor.sessionId,
    room: board.room,
    title: input.title,
    items: voteItems.encode(items),
    dots_per_person: input.dotsPerPerson,
    max_per_item: input.maxPerItem,
    anonymous: input.anonymous ? 1 : 0,
    status: 'open',
    created_at: ctx.now().toISOString(),
    revealed_at: null,
  });
  await recordAudit(ctx, actor, 'vote.open', { sessionId: actor.sessionId, target: voteId, detail: { items: items.length } });
  return { voteId };
}

/**
 * Give `dots` to one item (replacing what the participant gave it before). Budget and
 * per-item maximum are checked inside one transaction, so concurrent emits from several
 * sockets of the same person cannot overspend; a replay sets the same value again.
 */
export async function castDots(ctx: ServiceContext, actor: TokenActor, input: { voteId: string; itemId: string; dots: number }): Promise<{ remaining: number }> {
  if (actor.role !== 'participant' || !actor.participantId) throw new AppError('forbidden', 'only participants vote');
  const participantId = actor.participantId;
  return ctx.db.transaction().execute(async (trx) => {
    await serializeOn(trx, `vote:${input.voteId}:${participantId}`);
    await requireOpenSession(trx, actor.sessionId);
    const vote = await findVoteById(trx, input.voteId);
    if (!vote || vote.session_id !== actor.sessionId) throw new AppError('not_found', 'no such vote');
    if (vote.status !== 'open') throw new AppError('not_open', 'the vote is closed');
    if (!itemsOf(ctx, vote).some((i) => i.id === input.itemId)) throw new AppError('bad_request', 'not an item of this vote');
    if (input.dots > vote.max_per_item) throw new AppError('item_max_exceeded', `at most ${vote.max_per_item} dots on one item`);
    const mine = await listDotsOf(trx, vote.id, participantId);
    const elsewhere = mine.filter((d) => d.item_id !== input.itemId).reduce((sum, d) => sum + d.dots, 0);
    if (elsewhere + input.dots > vote.dots_per_person) throw new AppError('budget_exceeded', `only ${vote.dots_per_person} dots in all`);
    await setDots(trx, vote.id, participantId, input.itemId, input.dots);
    return { remaining: vote.dots_per_person - elsewhere - input.dots };
  });
}

/** Close a vote: no more dots. Results stay secret until `revealVote`. */
export async function closeVote(ctx: ServiceContext, actor: TokenActor, voteId: string): Promise<void> {
  requireFacilitator(actor);
  const vote = await voteOfSession(ctx, actor, voteId);
  if (vote.status === 'open') await updateVote(ctx.db, vote.id, { status: 'closed' });
}

/** Reveal a vote's results (closing it first if it is still open). */
export async function revealVote(ctx: ServiceContext, actor: TokenActor, voteId: string): Promise<void> {
  requireFacilitator(actor);
  const vote = await voteOfSession(ctx, actor, voteId);
  if (vote.status !== 'revealed') await updateVote(ctx.db, vote.id, { status: 'revealed', revealed_at: ctx.now().toISOString() });
  await recordAudit(ctx, actor, 'vote.reveal', { sessionId: actor.sessionId, target: voteId });
}

/** A vote for the caller's screen: items, budget, and only the caller's own dots. */
export async function getVoteView(ctx: ServiceContext, actor: TokenActor, voteId: string): Promise<VoteView> {
  const vote = await findVoteOfSession(ctx, actor, voteId);
  const mine = actor.participantId ? await listDotsOf(ctx.db, vote.id, actor.participantId) : [];
  const spent = mine.reduce((sum, d) => sum + d.dots, 0);
  return {
    voteId: vote.id,
    room: vote.room,
    title: vote.title,
    items: itemsOf(ctx, vote),
    dotsPerPerson: vote.dots_per_person,
    maxPerItem: vote.max_per_item,
    anonymous: vote.anonymous === 1,
    status: vote.status,
    mine: Object.fromEntries(mine.map((d) => [d.item_id, d.dots])),
    remaining: vote.dots_per_person - spent,
  };
}

/**
 * What everyone may know of a vote now: before reveal only how many people voted; after,
 * the ranked results (with who gave what when the vote was not anonymous).
 */
export async function voteState(ctx: ServiceContext, voteId: string): Promise<VoteState> {
  const vote = await findVoteById(ctx.db, voteId);
  if (!vote) throw new AppError('not_found', 'no such vote');
  const voters = await countVoters(ctx.db, vote.id);
  if (vote.status !== 'revealed') return { voteId: vote.id, status: vote.status, voters };
  const dots = await listAllDots(ctx.db, vote.id);
  const people = vote.anonymous ? new Map() : new Map((await listParticipants(ctx.db, vote.session_id)).map((p) => [p.id, p]));
  const results = itemsOf(ctx, vote).map((item) => {
    const mine = dots.filter((d) => d.item_id === item.id);
    const result = { itemId: item.id, label: item.label, ...(item.table ? { table: item.table } : {}), dots: mine.reduce((s, d) => s + d.dots, 0), voters: mine.length };
    if (vote.anonymous) return result;
    const by = mine.map((d) => ({ displayName: people.get(d.participant_id)?.display_name ?? '', organizationType: people.get(d.participant_id)?.organization_type ?? '', dots: d.dots }));
    return { ...result, by };
  });
  results.sort((a, b) => b.dots - a.dots || b.voters - a.voters);
  return { voteId: vote.id, status: 'revealed', voters, results };
}

/** The states of every vote of a session (for a socket that just connected). */
export async function sessionVoteStates(ctx: ServiceContext, sessionId: string): Promise<VoteState[]> {
  return Promise.all((await listVotes(ctx.db, sessionId)).map((v) => voteState(ctx, v.id)));
}

/** The votes of a session, newest last, without anyone's dots (for the control state). */
export async function listVoteSummaries(ctx: ServiceContext, sessionId: string) {
  return (await listVotes(ctx.db, sessionId)).map((v) => ({ voteId: v.id, room: v.room, title: v.title, status: v.status }));
}
