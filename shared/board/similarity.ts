/**
 * Suggested groups of similar cards, for Japanese and English text alike: cards are compared by
 * their character bigrams (Japanese has no spaces, and two-character words such as 食堂 or 地域
 * carry most of the meaning), joined when their Dice similarity passes a threshold, and grouped
 * transitively. Written by hand: it is a few lines, runs in the browser, and no external service
 * may see the cards.
 */
export interface GroupSuggestion {
  cardIds: string[];
  /** A title to start from: the bigram-rich phrase the cards share most. */
  title: string;
}

/** Characters that carry no meaning on their own: punctuation, spaces, small kana marks. */
const NOISE = /[\s、。，．,.!?！？「」『』（）()・…ー〜~\-:：;；"'“”‘’]/gu;

/**
 * Spellings of one word that people write interchangeably, folded to the first of each row
 * before cards are compared (docs/suggestions.md lists them and why). Longest spellings are
 * replaced first, so 子ども stays one word and 一人暮らし is not split.
 */
export const WORD_VARIANTS: readonly (readonly string[])[] = [
  ['子ども', '子供', 'こども', 'コドモ'],
  ['障害', '障がい', '障碍'],
  ['一人暮らし', 'ひとり暮らし', '独り暮らし', '独居'],
  ['ひきこもり', '引きこもり', '引き籠もり', '引籠り'],
  ['高齢者', 'お年寄り', '年寄り', '老人'],
  ['スマホ', 'スマートフォン'],
  ['友だち', '友達'],
  ['居場所', 'いばしょ'],
  ['社協', '社会福祉協議会'],
];

const VARIANT_PAIRS = WORD_VARIANTS.flatMap((row) => row.slice(1).map((from) => [from, row[0]] as const)).sort((a, b) => b[0].length - a[0].length);

/** A card's text as compared: NFKC, lower case, and each spelling variant folded to its first form. */
export function normalizeText(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  for (const [from, to] of VARIANT_PAIRS) out = out.split(from).join(to);
  return out;
}

/** The set of character bigrams of a text, normalised (see `normalizeText`, noise removed). */
export function bigrams(text: string): Set<string> {
  const clean = normalizeText(text).replace(NOISE, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) {
    const gram = clean.slice(i, i + 2);
    // Bigrams made only of hiragana are mostly particles and endings (ので, ます, ている).
    if (/^[\u3041-\u309f]{2}$/u.test(gram)) continue;
    out.add(gram);
  }
  return out;
}

/** Dice similarity of two feature sets (bigrams or words; 0–1). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** The bigram cut-off, for the browser's fallback when the word-based suggestions are not at hand. */
export const BIGRAM_THRESHOLD = 0.3;

/** How `suggestGroups` compares cards. */
export interface SuggestOptions {
  /** Turns a text into the set compared: its bigrams by default; the server passes content words. */
  features?: (text: string) => Set<string>;
  /**
   * Weight each feature by its rarity among the cards (inverse document frequency), and join
   * two groups only when their cards are similar on average, not through one chain of pairs
   * (a word common to many cards, like 高齢者, would otherwise pull them all into one group).
   */
  weighted?: boolean;
}

/** Similarity of two feature sets weighted per feature: twice the shared weight over both totals. */
function weightedDice(a: Set<string>, b: Set<string>, weight: (f: string) => number): number {
  let shared = 0;
  let total = 0;
  for (const f of a) {
    total += weight(f);
    if (b.has(f)) shared += weight(f);
  }
  for (const f of b) total += weight(f);
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * Suggest groups among cards (at least two cards each), most cards first. Unweighted, cards join
 * transitively once a pair passes `threshold`; weighted, by average link (see `SuggestOptions`).
 */
export function suggestGroups(cards: Array<{ id: string; text: string }>, threshold = BIGRAM_THRESHOLD, options: SuggestOptions = {}): GroupSuggestion[] {
  const grams = cards.map((c) => (options.features ?? bigrams)(c.text));
  const n = cards.length;
  const sim: number[][] = [];
  if (options.weighted) {
    const df = new Map<string, number>();
    for (const set of grams) for (const f of set) df.set(f, (df.get(f) ?? 0) + 1);
    const weight = (f: string) => Math.log((n + 1) / (df.get(f) ?? 1));
    for (let i = 0; i < n; i++) sim.push(grams.map((g, j) => (i === j ? 1 : weightedDice(grams[i], g, weight))));
  } else {
    for (let i = 0; i < n; i++) sim.push(grams.map((g, j) => (i === j ? 1 : similarity(grams[i], g))));
  }
  let clusters: number[][] = cards.map((_, i) => [i]);
  if (!options.weighted) {
    const parent = cards.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (sim[i][j] >= threshold) parent[find(i)] = find(j);
    const byRoot = new Map<number, number[]>();
    cards.forEach((_, i) => byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), i]));
    clusters = [...byRoot.values()];
  } else {
    // Average-link agglomeration: join the two most similar groups while they pass the cut-off.
    const link = (a: number[], b: number[]) => a.reduce((sum, i) => sum + b.reduce((s, j) => s + sim[i][j], 0), 0) / (a.length * b.length);
    for (;;) {
      let best: [number, number, number] | null = null;
      for (let a = 0; a < clusters.length; a++) {
        for (let b = a + 1; b < clusters.length; b++) {
          const value = link(clusters[a], clusters[b]);
          if (value >= threshold && (!best || value > best[2])) best = [a, b, value];
        }
      }
      if (!best) break;
      clusters[best[0]] = [...clusters[best[0]], ...clusters[best[1]]].sort((x, y) => x - y);
      clusters.splice(best[1], 1);
    }
  }
  return clusters
    .filter((members) => members.length > 1)
    .map((members) => ({ cardIds: members.map((i) => cards[i].id), title: sharedTitle(members.map((i) => grams[i])) }))
    .sort((a, b) => b.cardIds.length - a.cardIds.length);
}

/** The bigram most cards share, extended where neighbouring shared bigrams continue it. */
function sharedTitle(sets: Set<string>[]): string {
  const counts = new Map<string, number>();
  for (const set of sets) for (const gram of set) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  const common = [...counts.entries()].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (common.length === 0) return '';
  const top = common[0][1];
  const best = new Set(common.filter(([, n]) => n === top).map(([g]) => g));
  let title = common[0][0];
  for (let grew = true; grew; ) {
    grew = false;
    for (const gram of best) {
      if (gram[0] === title[title.length - 1] && !title.includes(gram)) {
        title += gram[1];
        grew = true;
      } else if (gram[1] === title[0] && !title.includes(gram)) {
        title = gram[0] + title;
        grew = true;
      }
    }
  }
  return title;
}
