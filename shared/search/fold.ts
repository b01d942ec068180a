/**
 * Folding for search: what a clerk types and what was written on a card are compared after
 * NFKC (full-width ｌｉｎｅ → line, half-width ｶﾅ → カナ), lower case, and katakana as hiragana
 * (コドモ → こども). Written by hand because no library maps folded offsets back to the text as
 * typed, which the highlight needs.
 */

/** A folded text and, for each of its UTF-16 units, where it came from in the original. */
export interface FoldedText {
  folded: string;
  /** `starts[i]` and `ends[i]`: the original range the folded unit `i` came from. */
  starts: number[];
  ends: number[];
}

// A base character with the marks that combine with it (half-width voiced marks included), so
// ｶﾞ folds to が as one unit rather than か plus a loose mark.
const UNIT = /[\s\S][\u0300-\u036f\u3099\u309a\uff9e\uff9f]*/gu;

/** Katakana ァ..ヶ as hiragana ぁ..ゖ; the long-vowel mark and others stay. */
function hiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Fold one string for comparison (no offsets). */
export function foldText(text: string): string {
  return hiragana(text.normalize('NFKC').toLowerCase());
}

/** Fold a text keeping, for each folded unit, the original range it came from. */
export function foldWithOffsets(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(UNIT)) {
    const piece = foldText(match[0]);
    const start = match.index ?? 0;
    for (let i = 0; i < piece.length; i++) {
      starts.push(start);
      ends.push(start + match[0].length);
    }
    folded += piece;
  }
  return { folded, starts, ends };
}

/** A group of spellings searched as one (こども / 子ども / 子供). */
export type VariantGroup = readonly string[];

/** The most alternatives one query expands to: a long query naming many variants stays bounded. */
export const MAX_ALTERNATIVES = 24;

/**
 * The folded spellings a query stands for: the query itself, and each spelling with a variant
 * term replaced by the other terms of its group. 子ども食堂 → 子ども食堂, こども食堂, 子供食堂.
 */
export function expandQuery(query: string, groups: readonly VariantGroup[]): string[] {
  const found = new Set([foldText(query.trim())]);
  const folded = groups.map((g) => [...new Set(g.map(foldText).filter((t) => t !== ''))]);
  for (const terms of folded) {
    for (const spelling of [...found]) {
      for (const term of terms) {
        if (!spelling.includes(term)) continue;
        for (const other of terms) {
          if (found.size >= MAX_ALTERNATIVES) return [...found];
          found.add(spelling.split(term).join(other));
        }
      }
    }
  }
  return [...found].filter((s) => s !== '');
}

/**
 * Where any of the folded spellings occurs in `text`, as ranges of the text as typed, merged
 * and in order: what the result list marks.
 */
export function findHighlights(text: string, spellings: readonly string[]): Array<[number, number]> {
  const { folded, starts, ends } = foldWithOffsets(text);
  const ranges: Array<[number, number]> = [];
  for (const spelling of spellings) {
    if (!spelling) continue;
    for (let at = folded.indexOf(spelling); at !== -1; at = folded.indexOf(spelling, at + 1)) {
      ranges.push([starts[at], ends[at + spelling.length - 1]]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Whether a text contains any of the folded spellings. */
export function matchesAny(text: string, spellings: readonly string[]): boolean {
  const folded = foldText(text);
  return spellings.some((s) => s !== '' && folded.includes(s));
}
