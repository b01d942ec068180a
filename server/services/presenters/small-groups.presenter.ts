/**
 * Small-group suppression (少数のため非表示): which organisation types' figures to withhold.
 *
 * 1. Every type with fewer than `threshold` people in the figure is withheld.
 * 2. The overall figure is always shown, so the withheld types together must also reach the
 *    threshold: otherwise "overall minus the shown types" gives them away. While they do not,
 *    the smallest shown type is withheld too (complementary suppression), until they reach it
 *    or no type is left.
 * Pure and deterministic (ties broken by id), so the room, the report and the exports agree.
 */
export function withheldTypes(counts: ReadonlyMap<string, number>, threshold: number): Set<string> {
  const present = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const withheld = new Set(present.filter(([, n]) => n < threshold).map(([type]) => type));
  if (withheld.size === 0) return withheld;
  let pooled = present.filter(([type]) => withheld.has(type)).reduce((sum, [, n]) => sum + n, 0);
  for (const [type, n] of present) {
    if (pooled >= threshold) break;
    if (withheld.has(type)) continue;
    withheld.add(type);
    pooled += n;
  }
  return withheld;
}
