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

/** The set of character bigrams of a text, normalised (NFKC, lower case, noise removed). */
export function bigrams(text: string): Set<string> {
  const clean = text.normalize('NFKC').toLowerCase().replace(NOISE, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) {
    const gram = clean.slice(i, i + 2);
    // Bigrams made only of hiragana are mostly particles and endings (ので, ます, ている).
    if (/^[\u3041-\u309f]{2}$/u.test(gram)) continue;
    out.add(gram);
  }
  return out;
}

/** Dice similarity of two bigram sets (0–1). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** Suggest groups among cards (at least two cards each), most cards first. */
export function suggestGroups(cards: Array<{ id: string; text: string }>, threshold = 0.3): GroupSuggestion[] {
  const grams = cards.map((c) => bigrams(c.text));
  const parent = cards.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      if (similarity(grams[i], grams[j]) >= threshold) parent[find(i)] = find(j);
    }
  }
  const clusters = new Map<number, number[]>();
  cards.forEach((_, i) => clusters.set(find(i), [...(clusters.get(find(i)) ?? []), i]));
  return [...clusters.values()]
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
