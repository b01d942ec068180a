import { MEMBERSHIP_KINDS } from '../../shared/schemas/directory';
import { foldText } from '../../shared/search/fold';
import type { UserActor } from '../auth/policy';
import type { ServiceContext } from './context';
import { loadEntries } from './directory.service';
import { loadSpaceOrganizationTypes } from './organizations-types';
import { requireSpaceAccess } from './spaces.service';

/** The fiscal year (April–March) a day falls in: 2026-03-31 is FY2025. */
function fiscalYearOf(day: string): number {
  const [year, month] = day.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

function countBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const key of new Set(keys(item))) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/**
 * `GET /api/spaces/:id/directory/figures` (any member of the space): active members by kind and
 * type, and how many joined in each fiscal year (by joined-on, else the day they were added);
 * active resources by category and district; the gaps — a district × category with no active
 * resource (narrowed to one audience with `audience`, e.g. こども: "no 居場所 for children in
 * 北地区") —; and the entries not confirmed for a year.
 */
export async function directoryFigures(ctx: ServiceContext, actor: UserActor, spaceId: string, audience?: string) {
  await requireSpaceAccess(ctx, actor, spaceId, 'read');
  const [{ entries, taxonomy, organizations }, types] = await Promise.all([loadEntries(ctx, spaceId), loadSpaceOrganizationTypes(ctx, spaceId)]);
  const members = organizations.filter((o) => o.status === 'active');
  const kinds = countBy(members, (o) => [o.membership]);
  const byType = countBy(members, (o) => [o.organization_type]);
  const joined = new Map<number, Record<string, number>>();
  for (const o of members) {
    const year = fiscalYearOf(o.joined_on ?? o.created_at.slice(0, 10));
    const row = joined.get(year) ?? Object.fromEntries(MEMBERSHIP_KINDS.map((k) => [k, 0]));
    row[o.membership] = (row[o.membership] ?? 0) + 1;
    joined.set(year, row);
  }
  const active = entries.filter((e) => e.status === 'active');
  const forAudience = audience ? active.filter((e) => e.audiences.some((a) => foldText(a) === foldText(audience))) : active;
  const categories = taxonomy.terms.categories.filter((t) => t.retired_at === null).map((t) => t.label);
  const districts = taxonomy.terms.districts.filter((t) => t.retired_at === null).map((t) => t.label);
  const cells = countBy(forAudience, (e) => e.districts.flatMap((d) => e.categories.map((c) => `${d}\n${c}`)));
  const byCategory = countBy(active, (e) => e.categories);
  const byDistrict = countBy(active, (e) => e.districts);
  return {
    members: {
      total: members.length,
      byKind: MEMBERSHIP_KINDS.map((k) => ({ membership: k, count: kinds.get(k) ?? 0 })),
      byType: [...byType].map(([id, count]) => ({ organizationType: id, label: types.labelOf(id), count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ja')),
      joinedByFiscalYear: [...joined].sort((a, b) => a[0] - b[0]).map(([fiscalYear, counts]) => ({ fiscalYear, ...counts })),
    },
    resources: {
      total: active.length,
      byCategory: categories.map((c) => ({ category: c, count: byCategory.get(c) ?? 0 })),
      byDistrict: districts.map((d) => ({ district: d, count: byDistrict.get(d) ?? 0 })),
    },
    gaps: { audience: audience ?? null, cells: districts.flatMap((d) => categories.filter((c) => !cells.has(`${d}\n${c}`)).map((c) => ({ district: d, category: c }))) },
    stale: entries
      .filter((e) => e.stale && e.status !== 'ended')
      .map((e) => ({ resourceId: e.id, name: e.name, organizationId: e.organization.id, organizationName: e.organization.name, lastConfirmedOn: e.lastConfirmedOn })),
  };
}
