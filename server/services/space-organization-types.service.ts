import { randomBytes } from 'node:crypto';
import { listSpaceOrganizationTypes, replaceSpaceOrganizationTypes, type SpaceOrganizationTypeRow } from '../../db/repositories/spaces.repository';
import { findLatestSessionByJoinCode, findSessionById } from '../../db/repositories/sessions.repository';
import type { Language } from '../../shared/i18n';
import type { OrganizationTypeOption } from '../../shared/organization-types';
import type { PatchSpaceInput } from '../../shared/schemas/spaces';
import { AppError } from '../errors';
import type { JoinAttempt } from './access.service';
import type { ServiceContext } from './context';
import { listActiveOrganizationTypes, listAllOrganizationTypes, organizationTypeLabels } from './organization-types.service';

type Db = ServiceContext['db'];

// The joins of a busy session check their type against the space's changes: those are read
// once per space and process, and dropped with the installation's list on any change.
const caches = new WeakMap<Db, Map<string, Promise<SpaceOrganizationTypeRow[]>>>();

function changesOf(ctx: ServiceContext, spaceId: string): Promise<SpaceOrganizationTypeRow[]> {
  let cache = caches.get(ctx.db);
  if (!cache) {
    const created = new Map<string, Promise<SpaceOrganizationTypeRow[]>>();
    cache = created;
    caches.set(ctx.db, created);
    ctx.events.on('organization-types:changed', () => created.clear(), { everywhere: true });
  }
  let found = cache.get(spaceId);
  if (!found) {
    found = listSpaceOrganizationTypes(ctx.db, spaceId);
    cache.set(spaceId, found);
    found.catch(() => cache.delete(spaceId));
  }
  return found;
}

/**
 * The organisation types offered in a space, labelled in `lang`: the installation's active ones
 * less those the space retired, with the space's own types before その他 (which stays last).
 */
export async function spaceOrganizationTypes(ctx: ServiceContext, spaceId: string, lang: Language): Promise<OrganizationTypeOption[]> {
  const [installation, changes] = await Promise.all([listActiveOrganizationTypes(ctx, lang), changesOf(ctx, spaceId)]);
  const retired = new Set(changes.filter((c) => c.change === 'retired').map((c) => c.type_id));
  const own = changes
    .filter((c) => c.change === 'added')
    .map((c) => ({ id: c.type_id, label: (lang === 'en' ? c.label_en : c.label_ja) ?? c.type_id }));
  const kept = installation.filter((t) => !retired.has(t.id));
  const other = kept.filter((t) => t.id === 'other');
  return [...kept.filter((t) => t.id !== 'other'), ...own, ...other];
}

/**
 * A label resolver for a session's exports and report: the installation's labels, and those of
 * the space's own types (dropped ones too), else the id itself.
 */
export async function sessionTypeLabels(ctx: ServiceContext, sessionId: string, lang: Language): Promise<(id: string) => string> {
  const session = await findSessionById(ctx.db, sessionId);
  return spacesTypeLabels(ctx, session ? [session.space_id] : [], lang);
}

/**
 * The space's own organisation types of a session, dropped ones too, labelled in `lang`: what a
 * board, a phone or the projector needs beside the installation's list to name every card's
 * type (`GET /api/me/organization-types`).
 */
export async function sessionOwnOrganizationTypes(ctx: ServiceContext, sessionId: string, lang: Language): Promise<OrganizationTypeOption[]> {
  const session = await findSessionById(ctx.db, sessionId);
  if (!session) throw new AppError('not_found', 'no such session');
  return (await changesOf(ctx, session.space_id))
    .filter((c) => c.change !== 'retired')
    .map((c) => ({ id: c.type_id, label: (lang === 'en' ? c.label_en : c.label_ja) ?? c.type_id }));
}

/** The same across several spaces (figures over every space a clerk works in). */
export async function spacesTypeLabels(ctx: ServiceContext, spaceIds: readonly string[], lang: Language): Promise<(id: string) => string> {
  const installation = await organizationTypeLabels(ctx, lang);
  const own = new Map<string, string>();
  for (const spaceId of spaceIds) {
    for (const c of await changesOf(ctx, spaceId)) {
      if (c.change !== 'retired' && !own.has(c.type_id)) own.set(c.type_id, (lang === 'en' ? c.label_en : c.label_ja) ?? c.type_id);
    }
  }
  return (id) => own.get(id) ?? installation(id);
}

/** Refuse a type the space does not offer (unknown, retired there or installation-wide) with a 400. */
export async function assertOfferedInSpace(ctx: ServiceContext, spaceId: string, id: string): Promise<void> {
  if (!(await spaceOrganizationTypes(ctx, spaceId, 'ja')).some((t) => t.id === id)) {
    throw new AppError('bad_request', 'organizationType: not an organisation type offered here');
  }
}

/** A space's changes as its settings page shows them. */
export async function presentSpaceTypeChanges(ctx: ServiceContext, spaceId: string): Promise<{ retired: string[]; added: Array<{ id: string; labelJa: string; labelEn: string }> }> {
  const changes = await listSpaceOrganizationTypes(ctx.db, spaceId);
  return {
    retired: changes.filter((c) => c.change === 'retired').map((c) => c.type_id),
    added: changes.filter((c) => c.change === 'added').map((c) => ({ id: c.type_id, labelJa: c.label_ja ?? c.type_id, labelEn: c.label_en ?? c.label_ja ?? c.type_id })),
  };
}

/**
 * Replace a space's organisation-type changes. Retired ids must be installation types; an added
 * type keeps its id when given (so past figures still name it), else gets a new one, never an
 * installation type's.
 */
export async function setSpaceTypeChanges(ctx: ServiceContext, spaceId: string, input: NonNullable<PatchSpaceInput['organizationTypes']>): Promise<void> {
  const installation = new Set((await listAllOrganizationTypes(ctx, 'ja')).map((t) => t.id));
  for (const id of input.retired) if (!installation.has(id)) throw new AppError('bad_request', `organizationTypes.retired: ${id} is not an organisation type of the installation`);
  const now = ctx.now().toISOString();
  const ids = new Set<string>();
  const added = input.added.map((t, i) => {
    const id = t.id ?? `space-${randomBytes(4).toString('hex')}`;
    if (installation.has(id)) throw new AppError('bad_request', `organizationTypes.added: ${id} is an installation type (retire or keep it instead)`);
    if (ids.has(id)) throw new AppError('bad_request', `organizationTypes.added: ${id} is listed twice`);
    ids.add(id);
    return { type_id: id, change: 'added' as const, label_ja: t.labelJa, label_en: t.labelEn ?? t.labelJa, position: (i + 1) * 10, created_at: now };
  });
  const retired = [...new Set(input.retired)].map((id) => ({ type_id: id, change: 'retired' as const, label_ja: null, label_en: null, position: null, created_at: now }));
  // An own type taken off the list is kept as `dropped`: no longer offered, its label still names past figures.
  const dropped = (await listSpaceOrganizationTypes(ctx.db, spaceId))
    .filter((c) => (c.change === 'added' || c.change === 'dropped') && !ids.has(c.type_id))
    .map(({ space_id: _space, ...c }) => ({ ...c, change: 'dropped' as const }));
  await ctx.db.transaction().execute((trx) => replaceSpaceOrganizationTypes(trx, spaceId, [...retired, ...added, ...dropped]));
  ctx.events.emit('organization-types:changed', {});
}

/**
 * `GET /api/join/:code/organization-types`: what the join page of that session offers (its
 * space's types). Spends the join's wrong-code budget like `GET /api/join/:code`.
 */
export async function joinOrganizationTypes(ctx: ServiceContext, joinCode: string, attempt: JoinAttempt, lang: Language): Promise<OrganizationTypeOption[]> {
  await attempt.throttle.begin(attempt.address, joinCode);
  const session = await findLatestSessionByJoinCode(ctx.db, joinCode);
  if (!session) {
    await attempt.throttle.wrong(attempt.address);
    throw new AppError('not_found', 'no session has this code');
  }
  await attempt.throttle.admitted(attempt.address, joinCode);
  return spaceOrganizationTypes(ctx, session.space_id, lang);
}
