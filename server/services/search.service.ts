import type { Insertable } from 'kysely';
import type { Database, SearchEntriesTable } from '../../db/schema';
import type { Kysely, Transaction } from 'kysely';
import { listArchivedBoards, listArchivedCards, listArchivedGroups, listActionNotes, listActionsOfSessions } from '../../db/repositories/archive.repository';
import { listDecisions } from '../../db/repositories/outcomes.repository';
import { findSessionById } from '../../db/repositories/sessions.repository';
import { indexedSessionIds, listVariantGroups, replaceSearchEntries, replaceVariantGroups, searchEntries } from '../../db/repositories/search.repository';
import { expandQuery, findHighlights, foldText, matchesAny } from '../../shared/search/fold';
import type { SearchHit, SearchSource, SearchView, VariantGroupsInput } from '../../shared/schemas/clerk';
import { can, type UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { visibleSessions } from './archive.service';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { archivedPersona, archivedStages } from './stored-json';

/** The most hits one search answers with. */
export const SEARCH_LIMIT = 200;

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Write a closed session's search entries from its archive: every card (hidden ones flagged),
 * group, board preparation, and the session's title line. Call inside the close's transaction.
 */
export async function indexArchivedSession(ctx: Pick<ServiceContext, 'log'>, db: Db, sessionId: string): Promise<void> {
  const session = await findSessionById(db, sessionId);
  if (!session) return;
  const [boards, cards, groups] = await Promise.all([listArchivedBoards(db, sessionId), listArchivedCards(db, sessionId), listArchivedGroups(db, sessionId)]);
  const entry = (source: string, refId: string, room: string, kind: string, hidden: number, text: string): Insertable<SearchEntriesTable> => ({
    session_id: sessionId,
    source,
    ref_id: refId,
    room,
    kind,
    hidden,
    text,
    folded: foldText(text),
  });
  const rows = [
    entry('title', sessionId, '', '', 0, [session.title, session.theme, session.series, session.venue].filter(Boolean).join(' ')),
    ...boards.map((b) => {
      const persona = Object.values(archivedPersona.decode(ctx.log, `${sessionId}/${b.room}`, b.persona)).filter((v) => typeof v === 'string');
      const stages = archivedStages.decode(ctx.log, `${sessionId}/${b.room}`, b.stages).map((s) => `${s.title} ${s.description}`);
      return entry('prep', b.room, b.room, '', 0, [b.theme, ...persona, ...stages].filter(Boolean).join(' '));
    }),
    ...cards.filter((c) => c.text.trim() !== '').map((c) => entry('card', c.card_id, c.room, c.kind, c.hidden ? 1 : 0, c.text)),
    ...groups.filter((g) => g.title.trim() !== '').map((g) => entry('group', g.group_id, g.room, '', 0, g.title)),
  ];
  await replaceSearchEntries(db, sessionId, rows);
}

/** The spelling variant groups (こども / 子ども / 子供 …). */
export async function getVariantGroups(ctx: ServiceContext): Promise<{ groups: string[][] }> {
  return { groups: await listVariantGroups(ctx.db) };
}

/** The admin replaces the variant list; a search uses it at once (no re-indexing: queries expand). */
export async function setVariantGroups(ctx: ServiceContext, actor: UserActor, input: VariantGroupsInput): Promise<{ groups: string[][] }> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin edits the search variants');
  await ctx.db.transaction().execute((trx) => replaceVariantGroups(trx, input.groups));
  await recordAudit(ctx, actor, 'search.variants', { detail: { groups: input.groups.length } });
  return getVariantGroups(ctx);
}

/** Search query: what was typed, one source or all, held-on range. */
export interface SearchQuery {
  q: string;
  source?: SearchSource;
  from?: string;
  to?: string;
  /** Only this space (default: every space the account works in). */
  spaceId?: string;
}

/**
 * Card-level search across the sessions the account may see. The query and the texts are both
 * folded (NFKC, case, katakana → hiragana) and the query stands for all its spelling variants.
 * Cards, groups and preparation come from the archive's index (hidden cards left out); decisions,
 * actions, their owners and notes are read live, since they keep changing after the close and a
 * register holds far fewer of them than a board holds cards.
 */
export async function searchArchiveCards(ctx: ServiceContext, actor: UserActor, query: SearchQuery): Promise<SearchView> {
  const heldOn = (s: { held_on: string | null; created_at: string }) => s.held_on ?? s.created_at.slice(0, 10);
  const sessions = (await visibleSessions(ctx, actor, query.spaceId)).filter((s) => (!query.from || heldOn(s) >= query.from) && (!query.to || heldOn(s) <= query.to));
  const byId = new Map(sessions.map((s) => [s.id, s]));
  await indexMissing(ctx, sessions.filter((s) => s.status === 'closed').map((s) => s.id));
  const spellings = expandQuery(query.q, await listVariantGroups(ctx.db));
  const wants = (source: SearchSource) => !query.source || query.source === source;
  const hits: SearchHit[] = [];
  const push = (source: SearchSource, sessionId: string, refId: string, kind: string | null, text: string) => {
    const s = byId.get(sessionId);
    if (!s) return;
    hits.push({ source, kind, text, highlights: findHighlights(text, spellings), sessionId, sessionTitle: s.title, sessionHeldOn: heldOn(s), refId, reportPath: `/secretariat/sessions/${sessionId}/report` });
  };
  // Narrowed to the sessions shown when they are not all of them (a facilitator's own, a space, a date range).
  const narrowed = !can(actor, 'sessions:read-all') || query.spaceId || query.from || query.to ? [...byId.keys()] : undefined;
  for (const row of await searchEntries(ctx.db, spellings, { limit: SEARCH_LIMIT + 1, sessionIds: narrowed })) {
    const source = row.source as SearchSource;
    if (wants(source) && byId.has(row.session_id)) push(source, row.session_id, row.ref_id, row.kind || null, row.text);
  }
  const ids = [...byId.keys()];
  const actions = await listActionsOfSessions(ctx.db, ids);
  const notes = await listActionNotes(ctx.db, actions.map((a) => a.id));
  const sessionOfAction = new Map(actions.map((a) => [a.id, a.session_id]));
  for (const d of (await Promise.all(ids.map((id) => listDecisions(ctx.db, id)))).flat()) {
    if (wants('decision') && matchesAny(d.text, spellings)) push('decision', d.session_id, d.id, null, d.text);
  }
  for (const a of actions) {
    if (wants('action') && matchesAny(a.title, spellings)) push('action', a.session_id, a.id, null, a.title);
    const owner = [a.owner_organization, a.owner_person].filter(Boolean).join(' ');
    if (wants('owner') && owner && matchesAny(owner, spellings)) push('owner', a.session_id, a.id, null, owner);
  }
  for (const n of notes) {
    if (wants('note') && matchesAny(n.note, spellings)) push('note', sessionOfAction.get(n.action_id)!, n.action_id, null, n.note);
  }
  hits.sort((a, b) => b.sessionHeldOn.localeCompare(a.sessionHeldOn) || a.sessionTitle.localeCompare(b.sessionTitle));
  return { query: query.q, spellings, hits: hits.slice(0, SEARCH_LIMIT), truncated: hits.length > SEARCH_LIMIT };
}

/** Index closed sessions archived before card-level search existed (once each). */
async function indexMissing(ctx: ServiceContext, closedIds: string[]): Promise<void> {
  const indexed = await indexedSessionIds(ctx.db, closedIds);
  for (const id of closedIds.filter((i) => !indexed.has(i))) {
    await ctx.db.transaction().execute((trx) => indexArchivedSession(ctx, trx, id));
  }
}
