import type { Language } from '../../shared/i18n';
import type { OrganizationTypeEntry, OrganizationTypeOption } from '../../shared/organization-types';
import {
  findOrganizationType,
  insertOrganizationType,
  listOrganizationTypes,
  type OrganizationTypeRow,
  updateOrganizationType,
} from '../../db/repositories/organization-types.repository';
import { can, type UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';

/** The stored list, read once per process and dropped whenever any process changes it. */
interface Catalog {
  rows: OrganizationTypeRow[];
  byId: Map<string, OrganizationTypeRow>;
}

// One cache per app (keyed by its database handle), so a join checks its type without a query.
const caches = new WeakMap<ServiceContext['db'], { catalog?: Promise<Catalog> }>();

function cacheOf(ctx: ServiceContext): { catalog?: Promise<Catalog> } {
  let cache = caches.get(ctx.db);
  if (!cache) {
    const created: { catalog?: Promise<Catalog> } = {};
    cache = created;
    caches.set(ctx.db, created);
    // Another server process's admin change reaches this one through the cluster bus.
    ctx.events.on('organization-types:changed', () => (created.catalog = undefined), { everywhere: true });
  }
  return cache;
}

async function catalog(ctx: ServiceContext): Promise<Catalog> {
  const cache = cacheOf(ctx);
  cache.catalog ??= listOrganizationTypes(ctx.db).then((rows) => ({ rows, byId: new Map(rows.map((r) => [r.id, r])) }));
  try {
    return await cache.catalog;
  } catch (error) {
    cache.catalog = undefined;
    throw error;
  }
}

const labelIn = (row: OrganizationTypeRow, lang: Language) => (lang === 'en' ? row.label_en : row.label_ja);

/** `GET /api/organization-types`: the active types in display order, labelled in `lang` (what the join page offers). */
export async function listActiveOrganizationTypes(ctx: ServiceContext, lang: Language): Promise<OrganizationTypeOption[]> {
  return (await catalog(ctx)).rows.filter((r) => r.retired_at === null).map((r) => ({ id: r.id, label: labelIn(r, lang) }));
}

/** Every type, retired ones too: what past figures need to name their columns, and the admin's list. */
export async function listAllOrganizationTypes(ctx: ServiceContext, lang: Language): Promise<OrganizationTypeEntry[]> {
  return (await catalog(ctx)).rows.map((r) => ({ id: r.id, label: labelIn(r, lang), labelJa: r.label_ja, labelEn: r.label_en, retired: r.retired_at !== null, position: r.position }));
}

/**
 * Refuse an organisation type that is not offered (unknown or retired) with a 400. Read from the
 * cached list, so joining stays one query however many people join at once.
 */
export async function assertActiveOrganizationType(ctx: ServiceContext, id: string): Promise<void> {
  const row = (await catalog(ctx)).byId.get(id);
  if (!row || row.retired_at !== null) throw new AppError('bad_request', `organizationType: ${row ? 'retired' : 'unknown'} organisation type`);
}

/** Refuse an id that was never a type (imports of past sessions may carry retired ones). */
export async function assertKnownOrganizationType(ctx: ServiceContext, id: string): Promise<void> {
  if (!(await catalog(ctx)).byId.has(id)) throw new AppError('bad_request', `organizationType: unknown organisation type ${id.slice(0, 40)}`);
}

/**
 * A label resolver for exports and reports: a stored label in `lang` (retired types too), else the
 * id itself, so a figure is never unnamed.
 */
export async function organizationTypeLabels(ctx: ServiceContext, lang: Language): Promise<(id: string) => string> {
  const { byId } = await catalog(ctx);
  return (id) => {
    const row = byId.get(id);
    return row ? labelIn(row, lang) : id;
  };
}

function changed(ctx: ServiceContext): void {
  cacheOf(ctx).catalog = undefined;
  ctx.events.emit('organization-types:changed', {});
}

/** The admin adds a type; it is offered at once, before その他 (which stays last). */
export async function addOrganizationType(ctx: ServiceContext, actor: UserActor, input: { id: string; labelJa: string; labelEn: string }, lang: Language): Promise<OrganizationTypeEntry> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages organisation types');
  await ctx.db.transaction().execute(async (trx) => {
    if (await findOrganizationType(trx, input.id)) throw new AppError('conflict', `organisation type ${input.id} exists (a retired one can be brought back)`);
    const rows = await listOrganizationTypes(trx);
    const other = rows.find((r) => r.id === 'other');
    const last = Math.max(0, ...rows.map((r) => r.position));
    // その他 is the catch-all and is offered last; the new type takes its place and it moves down.
    const position = other ? other.position : last + 10;
    if (other) await updateOrganizationType(trx, other.id, { position: last + 10 });
    await insertOrganizationType(trx, { id: input.id, label_ja: input.labelJa, label_en: input.labelEn, position, retired_at: null, created_at: ctx.now().toISOString() });
  });
  changed(ctx);
  await recordAudit(ctx, actor, 'organization_type.change', { target: input.id, detail: { added: true, labelJa: input.labelJa, labelEn: input.labelEn } });
  return entryOf(ctx, input.id, lang);
}

/** The admin renames a type (its id stays, so figures compare across years) or retires it / brings it back. */
export async function changeOrganizationType(
  ctx: ServiceContext,
  actor: UserActor,
  id: string,
  patch: { labelJa?: string; labelEn?: string; retired?: boolean },
  lang: Language,
): Promise<OrganizationTypeEntry> {
  if (!can(actor, 'users:manage')) throw new AppError('forbidden', 'only an admin manages organisation types');
  const row = await findOrganizationType(ctx.db, id);
  if (!row) throw new AppError('not_found', 'no such organisation type');
  const retiredAt = patch.retired === undefined ? row.retired_at : patch.retired ? (row.retired_at ?? ctx.now().toISOString()) : null;
  await updateOrganizationType(ctx.db, id, { label_ja: patch.labelJa ?? row.label_ja, label_en: patch.labelEn ?? row.label_en, retired_at: retiredAt });
  changed(ctx);
  await recordAudit(ctx, actor, 'organization_type.change', { target: id, detail: { ...patch } });
  return entryOf(ctx, id, lang);
}

async function entryOf(ctx: ServiceContext, id: string, lang: Language): Promise<OrganizationTypeEntry> {
  const entry = (await listAllOrganizationTypes(ctx, lang)).find((e) => e.id === id);
  if (!entry) throw new AppError('not_found', 'no such organisation type');
  return entry;
}
