import { randomUUID } from 'node:crypto';
import {
  findSpaceById,
  insertSpace,
  insertSpaceMember,
  listMembershipsOfUser,
  listSpaceMembers,
  listSpaces,
  replaceSpaceMembers,
  type SpaceRow,
  updateSpace,
} from '../../db/repositories/spaces.repository';
import { listUsers } from '../../db/repositories/users.repository';
import { listSessionsInSpaces, type SessionRow } from '../../db/repositories/sessions.repository';
import { type PatchSpaceInput, type SpaceMembersInput, spaceSettingsSchema, type SpaceRef, type SpaceSettings, type SpaceView } from '../../shared/schemas/spaces';
import { can, type SpaceRole, type UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { presentSpaceTypeChanges, setSpaceTypeChanges } from './space-organization-types.service';
import { storedJson } from './stored-json';

/** The `spaces.settings` column; a damaged value reads as the defaults (all kinds, standard survey). */
export const spaceSettings = storedJson('spaces', 'settings', spaceSettingsSchema, () => spaceSettingsSchema.parse({}));

/** What a caller needs of a space: to see it (`read`), or to change it (`manage`). */
export type SpaceNeed = 'read' | 'manage';

/**
 * The space, if the actor may `need` it: `not_found` (404) when it does not exist or the actor
 * works elsewhere (its existence is not revealed), `forbidden` (403) when a member lacks the
 * role: `manage` is the space's secretariat or an admin; `read` any member or an admin.
 */
export async function requireSpaceAccess(ctx: ServiceContext, actor: UserActor, spaceId: string, need: SpaceNeed): Promise<SpaceRow> {
  const space = await findSpaceById(ctx.db, spaceId);
  if (!space || !can(actor, 'space:read', { spaceId: space.id })) throw new AppError('not_found', 'no such space');
  if (need === 'manage' && !can(actor, 'space:manage', { spaceId: space.id })) {
    throw new AppError('forbidden', "only the space's secretariat or an admin changes this");
  }
  return space;
}

/** An account's spaces and its role in each, as `UserActor.spaces` carries them. */
export async function loadSpaceRoles(ctx: Pick<ServiceContext, 'db'>, userId: string): Promise<Map<string, SpaceRole>> {
  return new Map((await listMembershipsOfUser(ctx.db, userId)).map((m) => [m.space_id, m.role]));
}

/** The spaces an actor sees, oldest first: an admin all of them, anyone else the ones they work in. */
export async function visibleSpaces(ctx: ServiceContext, actor: UserActor): Promise<SpaceRow[]> {
  return listSpaces(ctx.db, actor.role === 'admin' ? undefined : actor.userId);
}

/** `GET /api/spaces`. */
export async function listSpaceRefs(ctx: ServiceContext, actor: UserActor): Promise<SpaceRef[]> {
  return (await visibleSpaces(ctx, actor)).map((s) => ({ id: s.id, name: s.name }));
}

/**
 * The space a request works in: the one asked for (checked with `need`), else the actor's
 * first (oldest) space; an admin in none works in the installation's first space.
 * `not_found` when there is none to work in.
 */
export async function resolveWorkingSpace(ctx: ServiceContext, actor: UserActor, spaceId: string | undefined, need: SpaceNeed = 'read'): Promise<SpaceRow> {
  if (spaceId !== undefined) return requireSpaceAccess(ctx, actor, spaceId, need);
  const own = await listSpaces(ctx.db, actor.userId);
  const first = own[0] ?? (actor.role === 'admin' ? (await listSpaces(ctx.db))[0] : undefined);
  if (!first) throw new AppError('not_found', 'this account works in no space yet; an admin appoints it to one');
  return requireSpaceAccess(ctx, actor, first.id, need);
}

/**
 * The spaces a cross-session list covers, with whether the actor sees every session there
 * (secretariat, admin) or only their own (facilitator). `spaceId` narrows it to one space.
 */
export async function listScope(ctx: ServiceContext, actor: UserActor, spaceId?: string): Promise<Array<{ spaceId: string; all: boolean }>> {
  const spaces = spaceId === undefined ? await visibleSpaces(ctx, actor) : [await requireSpaceAccess(ctx, actor, spaceId, 'read')];
  return spaces.map((s) => ({ spaceId: s.id, all: can(actor, 'sessions:read-all', { spaceId: s.id }) }));
}

/**
 * The sessions an account may see, newest first: in each of its spaces (or only `spaceId`)
 * all of them for the secretariat and admins, their own for a facilitator.
 */
export async function scopedSessions(ctx: ServiceContext, actor: UserActor, spaceId?: string): Promise<SessionRow[]> {
  return listSessionsInSpaces(ctx.db, await listScope(ctx, actor, spaceId), actor.userId);
}

/**
 * Where a new account is appointed: the space the admin named (which must exist), else the
 * installation's only space; none when there are several (the admin appoints it later).
 */
export async function spaceForNewAccount(ctx: ServiceContext, actor: UserActor, spaceId: string | undefined): Promise<SpaceRow | undefined> {
  if (spaceId !== undefined) return requireSpaceAccess(ctx, actor, spaceId, 'manage');
  const all = await listSpaces(ctx.db);
  return all.length === 1 ? all[0] : undefined;
}

/** Appoint an account in a space with a role (a new account; see `replaceMembers` for the list). */
export async function appointInSpace(ctx: ServiceContext, spaceId: string, userId: string, role: SpaceRole): Promise<void> {
  await insertSpaceMember(ctx.db, { space_id: spaceId, user_id: userId, role });
}

/** The settings of a space row. */
export function readSpaceSettings(ctx: ServiceContext, space: SpaceRow): SpaceSettings {
  return spaceSettings.decode(ctx.log, space.id, space.settings);
}

/** `POST /api/spaces` (admin): a new space with the default settings and nobody in it yet. */
export async function createSpace(ctx: ServiceContext, actor: UserActor, name: string): Promise<{ id: string }> {
  if (!can(actor, 'spaces:create')) throw new AppError('forbidden', 'only an admin creates spaces');
  const id = randomUUID();
  await insertSpace(ctx.db, { id, name, settings: spaceSettings.encode(spaceSettingsSchema.parse({})), created_at: ctx.now().toISOString(), created_by: actor.userId });
  await recordAudit(ctx, actor, 'space.create', { target: id, detail: { name } });
  return { id };
}

/**
 * `GET /api/spaces/:id`: the space, its settings, its organisation-type changes and — for those
 * who manage it — who works there (a facilitator is not shown colleagues' e-mail addresses).
 */
export async function getSpaceView(ctx: ServiceContext, actor: UserActor, spaceId: string): Promise<SpaceView> {
  const space = await requireSpaceAccess(ctx, actor, spaceId, 'read');
  const settings = readSpaceSettings(ctx, space);
  const canManage = can(actor, 'space:manage', { spaceId: space.id });
  const [organizationTypes, members] = await Promise.all([presentSpaceTypeChanges(ctx, space.id), canManage ? listSpaceMembers(ctx.db, space.id) : []]);
  return {
    id: space.id,
    name: space.name,
    createdAt: space.created_at,
    membershipKinds: settings.membershipKinds,
    surveyDefaults: settings.surveyDefaults,
    organizationTypes,
    members: members.map((m) => ({ userId: m.user_id, displayName: m.display_name, email: m.email, role: m.role })),
    canManage,
  };
}

/** `PATCH /api/spaces/:id` (its secretariat, an admin): name, membership kinds, survey defaults, organisation types. */
export async function patchSpace(ctx: ServiceContext, actor: UserActor, spaceId: string, patch: PatchSpaceInput): Promise<SpaceView> {
  const space = await requireSpaceAccess(ctx, actor, spaceId, 'manage');
  const settings = readSpaceSettings(ctx, space);
  const next: SpaceSettings = {
    membershipKinds: patch.membershipKinds ?? settings.membershipKinds,
    surveyDefaults: patch.surveyDefaults ?? settings.surveyDefaults,
  };
  if (patch.organizationTypes) await setSpaceTypeChanges(ctx, space.id, patch.organizationTypes);
  await updateSpace(ctx.db, space.id, { name: patch.name ?? space.name, settings: spaceSettings.encode(next) });
  await recordAudit(ctx, actor, 'space.change', { target: space.id, detail: { fields: Object.keys(patch) } });
  return getSpaceView(ctx, actor, space.id);
}

/**
 * `PUT /api/spaces/:id/members` (admin, or the space's secretariat): the whole list of who works
 * there and as what. Every account must exist and not be an admin (admins work everywhere); a
 * secretariat clerk cannot take themselves out or demote themselves (an admin can).
 */
export async function replaceMembers(ctx: ServiceContext, actor: UserActor, spaceId: string, members: SpaceMembersInput): Promise<SpaceView> {
  const space = await requireSpaceAccess(ctx, actor, spaceId, 'manage');
  const accounts = new Map((await listUsers(ctx.db)).map((u) => [u.id, u]));
  for (const [i, m] of members.entries()) {
    const account = accounts.get(m.userId);
    if (!account) throw new AppError('bad_request', `${i}.userId: no such account`);
    if (account.role === 'admin') throw new AppError('bad_request', `${i}.userId: an admin works in every space and is not appointed`);
  }
  if (actor.role !== 'admin' && !members.some((m) => m.userId === actor.userId && m.role === 'secretariat')) {
    throw new AppError('bad_request', 'you cannot take yourself out of the secretariat; ask an admin');
  }
  await ctx.db.transaction().execute((trx) => replaceSpaceMembers(trx, space.id, members.map((m) => ({ user_id: m.userId, role: m.role }))));
  await recordAudit(ctx, actor, 'space.members', { target: space.id, detail: { members: members.map((m) => `${m.userId}:${m.role}`) } });
  return getSpaceView(ctx, actor, space.id);
}
