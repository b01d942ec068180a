import type { BallotItem, Distribution, PollState, ScaleChoice } from '../../shared/schemas/consensus';
import { withheldTypes } from './presenters/small-groups.presenter';

type RevealedResult = Extract<PollState, { status: 'revealed' }>['results'][number];

/** Percent with one decimal, from exact counts (37.5, 62.5, 33.3). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;
}

function distribution(choices: string[], scale: ScaleChoice[]): Distribution {
  // A Map, so a choice id like `constructor` or `__proto__` is only a key.
  const tally = new Map(scale.map((c) => [c.id, 0]));
  for (const choice of choices) tally.set(choice, (tally.get(choice) ?? 0) + 1);
  const counts: Record<string, number> = Object.fromEntries(tally);
  const supportive = new Set(scale.filter((c) => c.supports).map((c) => c.id));
  const supports = choices.filter((c) => supportive.has(c)).length;
  return {
    total: choices.length,
    counts,
    percent: Object.fromEntries(Object.entries(counts).map(([id, n]) => [id, percent(n, choices.length)])),
    supportPercent: percent(supports, choices.length),
  };
}

/**
 * The cross-sector view of an agreement poll: per item, the distribution overall and by
 * organisation type, and whether every shown sector's majority supports it (`shared`), sectors
 * are 50 points or more apart in support (`diverge`), or neither (`mixed`). A sector with fewer
 * than `threshold` respondents to the item is withheld (see `withheldTypes`): it is listed in
 * `withheldOrganizationTypes` with no figures, takes no part in `consensus`, and its reasons
 * carry no organisation type, since every phone in the room receives this. Pure: counts in,
 * results out, so the percentages can be checked exactly.
 */
export function computePollResults(
  items: BallotItem[],
  scale: ScaleChoice[],
  answers: Array<{ item_id: string; choice: string; reason: string; organization_type: string }>,
  threshold: number,
): RevealedResult[] {
  return items.map((item) => {
    const mine = answers.filter((a) => a.item_id === item.id);
    const sizes = new Map<string, number>();
    for (const a of mine) sizes.set(a.organization_type, (sizes.get(a.organization_type) ?? 0) + 1);
    const withheld = withheldTypes(sizes, threshold);
    const sectors = [...sizes.keys()].filter((sector) => !withheld.has(sector)).sort();
    const byOrganizationType = Object.fromEntries(
      sectors.map((sector) => [sector, distribution(mine.filter((a) => a.organization_type === sector).map((a) => a.choice), scale)]),
    );
    const support = Object.values(byOrganizationType).map((d) => d.supportPercent);
    let consensus: RevealedResult['consensus'] = 'mixed';
    if (support.length > 0 && support.every((s) => s > 50)) consensus = 'shared';
    else if (support.length > 1 && Math.max(...support) - Math.min(...support) >= 50) consensus = 'diverge';
    return {
      itemId: item.id,
      label: item.label,
      overall: distribution(mine.map((a) => a.choice), scale),
      byOrganizationType,
      withheldOrganizationTypes: [...withheld].sort(),
      consensus,
      reasons: mine
        .filter((a) => a.reason !== '')
        .map((a) => ({ organizationType: withheld.has(a.organization_type) ? '' : a.organization_type, choice: a.choice, text: a.reason })),
    };
  });
}
