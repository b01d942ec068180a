import { describe, expect, it } from 'vitest';
import { suggestGroupsByWords, WORD_THRESHOLD } from '../../server/services/suggestions.service';
import { normalizeText, suggestGroups } from '../../shared/board/similarity';
import { LABELLED_CARDS, scorePairs } from '../support/suggestion-score';

describe('Japanese group suggestions', () => {
  it('folds width (NFKC) and the listed spelling variants to one form', () => {
    expect(normalizeText('こども食堂')).toBe(normalizeText('子供食堂'));
    expect(normalizeText('子ども食堂')).toBe('子ども食堂');
    expect(normalizeText('ひとり暮らしの方')).toBe(normalizeText('一人暮らしの方'));
    expect(normalizeText('ＮＰＯと障がい者')).toBe('npoと障害者');
  });

  it('finds the obvious pairs of the labelled workshop cards at the chosen cut-off (precision ≥ 0.7, recall ≥ 0.6)', async () => {
    const score = scorePairs(await suggestGroupsByWords(LABELLED_CARDS, WORD_THRESHOLD));
    expect(score.precision).toBeGreaterThanOrEqual(0.7);
    expect(score.recall).toBeGreaterThanOrEqual(0.6);
    // Character bigrams, the browser's fallback, find far fewer of them.
    expect(scorePairs(suggestGroups(LABELLED_CARDS)).recall).toBeLessThan(score.recall);
  });

  it('groups こども食堂 with 子供食堂, and 相談窓口 with どこに相談すれば', async () => {
    const groups = await suggestGroupsByWords(LABELLED_CARDS.slice(0, 8));
    const together = (a: string, b: string) => groups.some((g) => g.cardIds.includes(a) && g.cardIds.includes(b));
    expect(together('i3', 'i4')).toBe(true);
    expect(together('i5', 'i6')).toBe(true);
    expect(together('i7', 'i8')).toBe(true);
    expect(together('i3', 'i5')).toBe(false);
  });
});
