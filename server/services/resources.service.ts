import { randomUUID } from 'node:crypto';
import { deleteResource, findResource, insertResource, type ResourceRow, updateResource } from '../../db/repositories/resources.repository';
import type { OrganizationRow } from '../../db/repositories/organizations.repository';
import { RESOURCE_STATUSES, type ResourceInput, type ResourcePatch, type ResourceStatus, type ResourceView, type ScheduleView } from '../../shared/schemas/directory';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { recordChanges } from './directory-changes';
import { resourceAudiences, resourceCategories, resourceDistricts } from './directory-json';
import { accountEditor, type DirectoryEditor, organizationFor, resourceFor } from './directory-scope';
import { loadTaxonomy, resolveLabels, type Taxonomy } from './directory-taxonomy.service';
import { describeRuleJa, type ParsedRule, parseRule, readStoredRule, weekdaysOf } from './recurrence';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** The fields of a resource the change log compares. */
const RESOURCE_FIELDS = ['name', 'description', 'categories', 'audiences', 'districts', 'schedule', 'address', 'latitude', 'longitude', 'fees', 'capacity', 'howToApply', 'contact', 'status', 'published', 'lastConfirmedOn'] as const;

/** An entry not confirmed for this long is flagged to the secretariat. */
const STALE_MS = 365 * 86400_000;

/** The day (YYYY-MM-DD) in Japan of an instant: what "confirmed on" means to a member. */
export function dayInJapan(at: Date): string {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Whether an entry has gone a year without a confirmation (counted from its creation when never confirmed). */
export function isStale(row: Pick<ResourceRow, 'last_confirmed_on' | 'created_at'>, now: Date): boolean {
  const since = row.last_confirmed_on ? Date.parse(`${row.last_confirmed_on}T00:00:00+09:00`) : Date.parse(row.created_at);
  return now.getTime() - since > STALE_MS;
}

function presentSchedule(row: ResourceRow, parsed: ParsedRule | null): ScheduleView | null {
  if (!parsed) return null;
  return { rrule: parsed.text, opensAt: row.opens_at, closesAt: row.closes_at, textJa: describeRuleJa(parsed, row.opens_at, row.closes_at), weekdays: weekdaysOf(parsed) };
}

/** A stored resource as answered, its terms by label (`rule`: its schedule already parsed, when the caller has it). */
export function presentResource(ctx: ServiceContext, row: ResourceRow, taxonomy: Taxonomy, now: Date, rule = readStoredRule(row.schedule_rrule)): ResourceView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    description: row.description,
    categories: taxonomy.labels('categories', resourceCategories.decode(ctx.log, row.id, row.categories)),
    audiences: taxonomy.labels('audiences', resourceAudiences.decode(ctx.log, row.id, row.audiences)),
    districts: taxonomy.labels('districts', resourceDistricts.decode(ctx.log, row.id, row.districts)),
    schedule: presentSchedule(row, rule),
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    fees: row.fees,
    capacity: row.capacity,
    howToApply: row.how_to_apply,
    contact: row.contact,
    status: (RESOURCE_STATUSES as readonly string[]).includes(row.status) ? (row.status as ResourceStatus) : 'active',
    published: Boolean(row.published),
    lastConfirmedOn: row.last_confirmed_on,
    stale: isStale(row, now),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The log's view of a resource: its schedule as the rule and hours in one line. */
function loggedView(view: ResourceView): Record<string, unknown> {
  const s = view.schedule;
  return { ...view, schedule: s ? `${s.rrule.replace('\n', ' ')}${s.opensAt || s.closesAt ? ` ${s.opensAt ?? ''}–${s.closesAt ?? ''}` : ''}` : null };
}

/** Apply checked input (new or a patch) over a row: labels to ids, the rule checked and made canonical. */
async function applyInput(db: Db, org: OrganizationRow, taxonomy: Taxonomy, row: ResourceRow, input: ResourcePatch, at: string): Promise<ResourceRow> {
  const codecs = { categories: resourceCategories, audiences: resourceAudiences, districts: resourceDistricts };
  const ids = async (facet: 'categories' | 'audiences' | 'districts', labels: string[] | undefined) => (labels === undefined ? undefined : codecs[facet].encode(await resolveLabels(db, org.space_id, taxonomy, facet, labels)));
  const schedule = input.schedule === undefined ? undefined : input.schedule === null ? null : { ...input.schedule, rrule: parseRule(input.schedule.rrule).text };
  return {
    ...row,
    name: input.name ?? row.name,
    description: input.description ?? row.description,
    categories: (await ids('categories', input.categories)) ?? row.categories,
    audiences: (await ids('audiences', input.audiences)) ?? row.audiences,
    districts: (await ids('districts', input.districts)) ?? row.districts,
    schedule_rrule: schedule === undefined ? row.schedule_rrule : (schedule?.rrule ?? null),
    opens_at: schedule === undefined ? row.opens_at : (schedule?.opensAt ?? null),
    closes_at: schedule === undefined ? row.closes_at : (schedule?.closesAt ?? null),
    address: input.address ?? row.address,
    latitude: input.latitude === undefined ? row.latitude : input.latitude,
    longitude: input.longitude === undefined ? row.longitude : input.longitude,
    fees: input.fees ?? row.fees,
    capacity: input.capacity === undefined ? row.capacity : input.capacity,
    how_to_apply: input.howToApply ?? row.how_to_apply,
    contact: input.contact ?? row.contact,
    status: input.status ?? row.status,
    published: input.published === undefined ? row.published : input.published ? 1 : 0,
    updated_at: at,
  };
}

function emptyRow(org: OrganizationRow, at: string, confirmedOn: string): ResourceRow {
  return {
    id: randomUUID(), space_id: org.space_id, organization_id: org.id, name: '', description: '', categories: '[]', audiences: '[]', districts: '[]', address: '', latitude: null, longitude: null,
    schedule_rrule: null, opens_at: null, closes_at: null, fees: '', capacity: null, how_to_apply: '', contact: '', status: 'active', published: 0, last_confirmed_on: confirmedOn, created_at: at, updated_at: at,
  };
}

/** Add a resource to an organisation, recording its fields (the secretariat, or the organisation's link). */
export async function addResource(ctx: ServiceContext, org: OrganizationRow, input: ResourceInput, editor: DirectoryEditor): Promise<{ id: string }> {
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const taxonomy = await loadTaxonomy(trx, org.space_id);
    const row = await applyInput(trx, org, taxonomy, emptyRow(org, at, dayInJapan(now)), input, at);
    await insertResource(trx, row);
    await recordChanges(trx, { spaceId: org.space_id, organizationId: org.id, entity: 'resource', entityId: row.id }, null, loggedView(presentResource(ctx, row, taxonomy, now)), RESOURCE_FIELDS, editor, at);
    return { id: row.id };
  });
}

/** Change a resource of `org`, recording each changed field. A resource of another organisation is a 404. */
export async function changeResource(ctx: ServiceContext, org: OrganizationRow, resourceId: string, patch: ResourcePatch, editor: DirectoryEditor): Promise<ResourceView> {
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findResource(trx, resourceId);
    if (!row || row.organization_id !== org.id) throw new AppError('not_found', 'no such resource');
    const taxonomy = await loadTaxonomy(trx, org.space_id);
    const before = presentResource(ctx, row, taxonomy, now);
    const next = await applyInput(trx, org, taxonomy, row, patch, at);
    const after = presentResource(ctx, next, taxonomy, now);
    const changed = await recordChanges(trx, { spaceId: org.space_id, organizationId: org.id, entity: 'resource', entityId: row.id }, loggedView(before), loggedView(after), RESOURCE_FIELDS, editor, at);
    const { id: _id, space_id: _space, organization_id: _org, created_at: _created, ...fields } = next;
    if (changed > 0) await updateResource(trx, row.id, fields);
    return changed > 0 ? after : before;
  });
}

/** `POST /api/organizations/:id/resources` (the space's secretariat). */
export async function createResource(ctx: ServiceContext, actor: UserActor, organizationId: string, input: ResourceInput): Promise<{ id: string }> {
  return addResource(ctx, await organizationFor(ctx, actor, organizationId, 'manage'), input, accountEditor(actor));
}

/** `GET /api/resources/:id` (any member of the space). */
export async function getResource(ctx: ServiceContext, actor: UserActor, id: string): Promise<ResourceView> {
  const { resource, organization } = await resourceFor(ctx, actor, id, 'read');
  return presentResource(ctx, resource, await loadTaxonomy(ctx.db, organization.space_id), ctx.now());
}

/** `PATCH /api/resources/:id` (the space's secretariat). */
export async function patchResource(ctx: ServiceContext, actor: UserActor, id: string, patch: ResourcePatch): Promise<ResourceView> {
  const { organization } = await resourceFor(ctx, actor, id, 'manage');
  return changeResource(ctx, organization, id, patch, accountEditor(actor));
}

/** `DELETE /api/resources/:id` (the space's secretariat); the deletion stays in the organisation's history. */
export async function removeResource(ctx: ServiceContext, actor: UserActor, id: string): Promise<void> {
  const { resource, organization } = await resourceFor(ctx, actor, id, 'manage');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const taxonomy = await loadTaxonomy(trx, organization.space_id);
    await recordChanges(trx, { spaceId: organization.space_id, organizationId: organization.id, entity: 'resource', entityId: id }, loggedView(presentResource(ctx, resource, taxonomy, now)), null, RESOURCE_FIELDS, accountEditor(actor), now.toISOString());
    await deleteResource(trx, id);
  });
}
