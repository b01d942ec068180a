import { listOrganizations, type OrganizationRow } from '../../db/repositories/organizations.repository';
import { listResourcesOfSpace } from '../../db/repositories/resources.repository';
import { listVariantGroups } from '../../db/repositories/search.repository';
import { findSpaceById } from '../../db/repositories/spaces.repository';
import type { DirectoryQuery, ResourceView } from '../../shared/schemas/directory';
import { expandQuery, foldText, matchesAny } from '../../shared/search/fold';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { loadTaxonomy, presentTaxonomy, type Taxonomy } from './directory-taxonomy.service';
import { isOpenThisWeek, readStoredRule } from './recurrence';
import { presentResource } from './resources.service';
import { requireSpaceAccess } from './spaces.service';

/** A directory entry: the resource, whether it is open this week, and who offers it. */
export interface DirectoryEntry extends ResourceView {
  openThisWeek: boolean;
  organization: { id: string; name: string; kana: string; membership: string; organizationType: string; url: string };
}

/** Every entry of a space with its organisation (the secretariat's view: all of them). */
export async function loadEntries(ctx: ServiceContext, spaceId: string): Promise<{ entries: DirectoryEntry[]; taxonomy: Taxonomy; organizations: OrganizationRow[] }> {
  const now = ctx.now();
  const [taxonomy, organizations, resources] = await Promise.all([loadTaxonomy(ctx.db, spaceId), listOrganizations(ctx.db, spaceId), listResourcesOfSpace(ctx.db, spaceId)]);
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const entries: DirectoryEntry[] = [];
  for (const row of resources) {
    const org = byId.get(row.organization_id);
    if (!org) continue;
    const rule = readStoredRule(row.schedule_rrule);
    entries.push({
      ...presentResource(ctx, row, taxonomy, now, rule),
      openThisWeek: rule !== null && row.status === 'active' && isOpenThisWeek(rule, now),
      organization: { id: org.id, name: org.name, kana: org.kana, membership: org.membership, organizationType: org.organization_type, url: org.url },
    });
  }
  return { entries, taxonomy, organizations };
}

/** The texts a query is matched against: the entry's own words, its terms, place and organisation. */
function searchable(e: DirectoryEntry): string {
  return [e.name, e.description, ...e.categories, ...e.audiences, ...e.districts, e.address, e.fees, e.howToApply, e.schedule?.textJa ?? '', e.organization.name, e.organization.kana].join('\n');
}

/**
 * Filter entries by the facets and the query. The query is folded like the archive's (NFKC,
 * case, katakana as hiragana) and expanded by the spelling variants, and every space-separated
 * term must match: a substring test, so two-character words (食堂, 相談) find as well as longer
 * ones. Facets compare labels folded.
 */
export async function filterEntries(ctx: ServiceContext, entries: DirectoryEntry[], query: DirectoryQuery): Promise<DirectoryEntry[]> {
  const same = (a: string, b: string) => foldText(a.trim()) === foldText(b.trim());
  const groups = query.q ? await listVariantGroups(ctx.db) : [];
  const terms = (query.q ?? '').split(/[\s\u3000]+/).filter(Boolean).map((t) => expandQuery(t, groups));
  return entries.filter((e) => {
    if (query.category && !e.categories.some((c) => same(c, query.category!))) return false;
    if (query.audience && !e.audiences.some((a) => same(a, query.audience!))) return false;
    if (query.district && !e.districts.some((d) => same(d, query.district!))) return false;
    if (query.weekday && !e.schedule?.weekdays.includes(query.weekday)) return false;
    if (query.openThisWeek === '1' && !e.openThisWeek) return false;
    if (terms.length === 0) return true;
    const text = searchable(e);
    return terms.every((spellings) => matchesAny(text, spellings));
  });
}

const byReading = (a: DirectoryEntry, b: DirectoryEntry) => (a.organization.kana || a.organization.name).localeCompare(b.organization.kana || b.organization.name, 'ja') || a.name.localeCompare(b.name, 'ja');

/**
 * `GET /api/spaces/:id/directory` (any member of the space): the space's resources with their
 * organisation, filtered. Active entries only unless `all=1` (paused and ended ones too).
 */
export async function searchDirectory(ctx: ServiceContext, actor: UserActor, spaceId: string, query: DirectoryQuery) {
  await requireSpaceAccess(ctx, actor, spaceId, 'read');
  const { entries, taxonomy } = await loadEntries(ctx, spaceId);
  const shown = query.all === '1' ? entries : entries.filter((e) => e.status === 'active');
  return { entries: (await filterEntries(ctx, shown, query)).sort(byReading), taxonomies: presentTaxonomy(taxonomy) };
}

/**
 * `GET /api/public/directory/:space` (no login): the entries members chose to publish, active
 * ones of active members. What is left out: the organisation's contact person, e-mail and phone
 * (only the entry's own contact line, which the member wrote for the public), the confirmation
 * dates and the secretariat's stale flag.
 */
export async function publicDirectory(ctx: ServiceContext, spaceId: string, query: DirectoryQuery) {
  const space = await findSpaceById(ctx.db, spaceId);
  if (!space) throw new AppError('not_found', 'no such directory');
  const { entries, taxonomy, organizations } = await loadEntries(ctx, spaceId);
  const activeOrgs = new Set(organizations.filter((o) => o.status === 'active').map((o) => o.id));
  const published = entries.filter((e) => e.published && e.status === 'active' && activeOrgs.has(e.organization.id));
  const shown = (await filterEntries(ctx, published, { ...query, all: undefined })).sort(byReading);
  const used = (facet: 'categories' | 'audiences' | 'districts') => new Set(published.flatMap((e) => e[facet]));
  const terms = presentTaxonomy(taxonomy);
  return {
    space: { id: space.id, name: space.name },
    taxonomies: {
      categories: terms.categories.filter((t) => used('categories').has(t.label)).map(({ id, label }) => ({ id, label })),
      audiences: terms.audiences.filter((t) => used('audiences').has(t.label)).map(({ id, label }) => ({ id, label })),
      districts: terms.districts.filter((t) => used('districts').has(t.label)).map(({ id, label }) => ({ id, label })),
    },
    entries: shown.map((e) => ({
      id: e.id,
      name: e.name,
      description: e.description,
      categories: e.categories,
      audiences: e.audiences,
      districts: e.districts,
      schedule: e.schedule,
      openThisWeek: e.openThisWeek,
      address: e.address,
      latitude: e.latitude,
      longitude: e.longitude,
      fees: e.fees,
      capacity: e.capacity,
      howToApply: e.howToApply,
      contact: e.contact,
      organization: { name: e.organization.name, url: e.organization.url },
    })),
  };
}
