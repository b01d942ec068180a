import type { DirectoryEntry, OrganizationView } from '../../api/directory';

/** Counts by key, in the order keys were first met. */
function countBy<T>(items: T[], keys: (item: T) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const key of keys(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** What the figures page shows, worked out from the space's organisations and directory entries. */
export interface DirectoryFigureSet {
  byKind: Map<string, number>;
  byType: Map<string, number>;
  /** Members who had joined by the end of each year (joined-on dates the list has), cumulative. */
  overTime: Array<{ year: string; byKind: Map<string, number> }>;
  byCategory: Map<string, number>;
  /** Resources by district, then by category. */
  byDistrict: Map<string, Map<string, number>>;
  /** For each district the space knows, the (category, audience) pairs the secretariat watches that have no active resource. */
  gaps: Array<{ district: string; category: string; audience: string }>;
  stale: DirectoryEntry[];
}

/** The pairs whose absence in a district is a gap worth showing (a district with no 居場所 for children). */
export const WATCHED_PAIRS: Array<{ category: string; audience: string }> = [
  { category: '居場所', audience: 'こども' },
  { category: '食事・食料', audience: 'こども' },
  { category: '居場所', audience: '高齢者' },
  { category: '見守り', audience: '高齢者' },
  { category: '相談', audience: '誰でも' },
];

/** Count members and resources for the figures page; ended resources are not counted as on offer. */
export function directoryFigures(orgs: OrganizationView[], entries: DirectoryEntry[], districts: string[]): DirectoryFigureSet {
  const offered = entries.filter((e) => e.status !== 'ended');
  const byDistrict = new Map<string, Map<string, number>>();
  for (const entry of offered) {
    for (const district of entry.districts.length ? entry.districts : ['']) {
      const row = byDistrict.get(district) ?? new Map<string, number>();
      for (const category of entry.categories) row.set(category, (row.get(category) ?? 0) + 1);
      byDistrict.set(district, row);
    }
  }
  const allDistricts = [...new Set([...districts, ...orgs.flatMap((o) => o.districts), ...offered.flatMap((e) => e.districts)])];
  const covers = (district: string, category: string, audience: string) =>
    offered.some((e) => e.status === 'active' && e.districts.includes(district) && e.categories.includes(category) && (e.audiences.includes(audience) || e.audiences.includes('誰でも')));
  const gaps = allDistricts.flatMap((district) => WATCHED_PAIRS.filter((p) => !covers(district, p.category, p.audience)).map((p) => ({ district, ...p })));
  return {
    byKind: countBy(orgs, (o) => [o.membership]),
    byType: countBy(orgs, (o) => [o.organizationType]),
    overTime: membersOverTime(orgs),
    byCategory: countBy(offered, (e) => e.categories),
    byDistrict,
    gaps,
    stale: entries.filter((e) => e.stale),
  };
}

function membersOverTime(orgs: OrganizationView[]): DirectoryFigureSet['overTime'] {
  const dated = orgs.filter((o) => o.joinedOn && /^\d{4}/.test(o.joinedOn));
  const years = [...new Set(dated.map((o) => o.joinedOn!.slice(0, 4)))].sort();
  return years.map((year) => ({ year, byKind: countBy(dated.filter((o) => o.joinedOn!.slice(0, 4) <= year), (o) => [o.membership]) }));
}
