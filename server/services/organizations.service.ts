import { randomUUID } from 'node:crypto';
import { listChangesOfOrganization } from '../../db/repositories/changes.repository';
import { listActionsOwnedBy, listOrganizations, type OrganizationRow, updateOrganization, insertOrganizations } from '../../db/repositories/organizations.repository';
import { listResourcesOfOrganization } from '../../db/repositories/resources.repository';
import { findOpenUpdateLink } from '../../db/repositories/update-links.repository';
import { MEMBERSHIP_KINDS, type MembershipKind, type OrganizationInput, type OrganizationPatch, type OrganizationView } from '../../shared/schemas/directory';
import { foldText } from '../../shared/search/fold';
import type { UserActor } from '../auth/policy';
import type { ServiceContext } from './context';
import { presentChange, recordChanges } from './directory-changes';
import { organizationDistricts } from './directory-json';
import { accountEditor, type DirectoryEditor, organizationFor } from './directory-scope';
import { loadTaxonomy, resolveLabels, type Taxonomy } from './directory-taxonomy.service';
import { assertMembershipInUse, assertOfferedType, loadSpaceOrganizationTypes, membershipKindsOf } from './organizations-types';
import { findSpaceById } from '../../db/repositories/spaces.repository';
import { presentResource } from './resources.service';
import { requireSpaceAccess } from './spaces.service';
import { canMailLinks } from './update-links-mail';

/** The fields of an organisation the change log compares. */
const ORGANIZATION_FIELDS = ['name', 'kana', 'membership', 'organizationType', 'districts', 'contactName', 'email', 'phone', 'url', 'joinedOn', 'status'] as const;

/** A stored organisation as answered, its districts by label. */
export function presentOrganization(ctx: ServiceContext, row: OrganizationRow, taxonomy: Taxonomy): OrganizationView {
  return {
    id: row.id,
    spaceId: row.space_id,
    name: row.name,
    kana: row.kana,
    membership: (MEMBERSHIP_KINDS as readonly string[]).includes(row.membership) ? (row.membership as MembershipKind) : 'none',
    organizationType: row.organization_type,
    districts: taxonomy.labels('districts', organizationDistricts.decode(ctx.log, row.id, row.districts)),
    contactName: row.contact_name,
    email: row.email,
    phone: row.phone,
    url: row.url,
    joinedOn: row.joined_on,
    status: row.status === 'inactive' ? 'inactive' : 'active',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A new organisation's row from checked input (districts already resolved to ids). */
export function organizationRow(spaceId: string, input: OrganizationInput, districtIds: string[], at: string): OrganizationRow {
  return {
    id: randomUUID(),
    space_id: spaceId,
    name: input.name,
    kana: input.kana ?? '',
    membership: input.membership,
    organization_type: input.organizationType,
    districts: organizationDistricts.encode(districtIds),
    contact_name: input.contactName ?? '',
    email: input.email ?? '',
    phone: input.phone ?? '',
    url: input.url ?? '',
    joined_on: input.joinedOn ?? null,
    status: input.status ?? 'active',
    created_at: at,
    updated_at: at,
  };
}

/** `POST /api/spaces/:id/organizations` (the space's secretariat). */
export async function createOrganization(ctx: ServiceContext, actor: UserActor, spaceId: string, input: OrganizationInput): Promise<{ id: string }> {
  const space = await requireSpaceAccess(ctx, actor, spaceId, 'manage');
  assertMembershipInUse(membershipKindsOf(ctx, space), input.membership);
  assertOfferedType(await loadSpaceOrganizationTypes(ctx, spaceId), input.organizationType);
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const taxonomy = await loadTaxonomy(trx, spaceId);
    const row = organizationRow(spaceId, input, await resolveLabels(trx, spaceId, taxonomy, 'districts', input.districts ?? []), at);
    await insertOrganizations(trx, [row]);
    await recordChanges(trx, { spaceId, organizationId: row.id, entity: 'organization', entityId: row.id }, null, presentOrganization(ctx, row, taxonomy) as unknown as Record<string, unknown>, ORGANIZATION_FIELDS, accountEditor(actor), at);
    return { id: row.id };
  });
}

/** `GET /api/spaces/:id/organizations`: every organisation of the space, by reading. */
export async function listOrganizationViews(ctx: ServiceContext, actor: UserActor, spaceId: string): Promise<OrganizationView[]> {
  await requireSpaceAccess(ctx, actor, spaceId, 'read');
  const taxonomy = await loadTaxonomy(ctx.db, spaceId);
  return (await listOrganizations(ctx.db, spaceId)).map((row) => presentOrganization(ctx, row, taxonomy));
}

/**
 * Change an organisation, recording each changed field. Used by the secretariat's PATCH and by
 * the holder of the organisation's update link (whose `editor` is the link).
 */
export async function applyOrganizationPatch(ctx: ServiceContext, org: OrganizationRow, patch: OrganizationPatch, editor: DirectoryEditor): Promise<OrganizationView> {
  if (patch.organizationType !== undefined && patch.organizationType !== org.organization_type) assertOfferedType(await loadSpaceOrganizationTypes(ctx, org.space_id), patch.organizationType);
  if (patch.membership !== undefined && patch.membership !== org.membership) {
    const space = await findSpaceById(ctx.db, org.space_id);
    if (space) assertMembershipInUse(membershipKindsOf(ctx, space), patch.membership);
  }
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const taxonomy = await loadTaxonomy(trx, org.space_id);
    const before = presentOrganization(ctx, org, taxonomy);
    const districts = patch.districts === undefined ? undefined : organizationDistricts.encode(await resolveLabels(trx, org.space_id, taxonomy, 'districts', patch.districts));
    const next: OrganizationRow = {
      ...org,
      name: patch.name ?? org.name,
      kana: patch.kana ?? org.kana,
      membership: patch.membership ?? org.membership,
      organization_type: patch.organizationType ?? org.organization_type,
      districts: districts ?? org.districts,
      contact_name: patch.contactName ?? org.contact_name,
      email: patch.email ?? org.email,
      phone: patch.phone ?? org.phone,
      url: patch.url ?? org.url,
      joined_on: patch.joinedOn === undefined ? org.joined_on : patch.joinedOn,
      status: patch.status ?? org.status,
      updated_at: at,
    };
    const after = presentOrganization(ctx, next, taxonomy);
    const changed = await recordChanges(trx, { spaceId: org.space_id, organizationId: org.id, entity: 'organization', entityId: org.id }, before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, ORGANIZATION_FIELDS, editor, at);
    const { id: _id, space_id: _space, created_at: _created, ...fields } = next;
    if (changed > 0) await updateOrganization(trx, org.id, fields);
    return changed > 0 ? after : before;
  });
}

/** `PATCH /api/organizations/:id` (the space's secretariat). */
export async function patchOrganization(ctx: ServiceContext, actor: UserActor, id: string, patch: OrganizationPatch): Promise<OrganizationView> {
  return applyOrganizationPatch(ctx, await organizationFor(ctx, actor, id, 'manage'), patch, accountEditor(actor));
}

/**
 * `GET /api/organizations/:id`: the organisation, its resources, the follow-up actions it owns
 * in the space's sessions (owner organisation equal to its name, folded), its change history
 * and whether an update link is open. Sessions its people attended are not derivable: a
 * participant joins with a display name and an organisation type, never an organisation, so
 * `sessionsAttended` is null (documented).
 */
export async function getOrganizationPage(ctx: ServiceContext, actor: UserActor, id: string) {
  const org = await organizationFor(ctx, actor, id, 'read');
  const now = ctx.now();
  const taxonomy = await loadTaxonomy(ctx.db, org.space_id);
  const [resources, actions, changes, link] = await Promise.all([
    listResourcesOfOrganization(ctx.db, org.id),
    listActionsOwnedBy(ctx.db, org.space_id),
    listChangesOfOrganization(ctx.db, org.id),
    findOpenUpdateLink(ctx.db, org.id, now.toISOString()),
  ]);
  const name = foldText(org.name.trim());
  return {
    organization: presentOrganization(ctx, org, taxonomy),
    resources: resources.map((r) => presentResource(ctx, r, taxonomy, now)),
    actions: actions
      .filter((a) => foldText(a.owner_organization.trim()) === name)
      .map((a) => ({ id: a.id, sessionId: a.session_id, sessionTitle: a.session_title, title: a.title, dueDate: a.due_date, status: a.status })),
    sessionsAttended: null,
    changes: changes.map(presentChange),
    updateLink: link ? { open: true, createdAt: link.created_at, expiresAt: link.expires_at, lastUsedAt: link.last_used_at } : { open: false },
    /** Whether `POST …/update-link { mail: true }` can send (SMTP configured and an e-mail on file). */
    canMail: canMailLinks(ctx) && org.email !== '',
  };
}
