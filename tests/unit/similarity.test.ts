import { describe, expect, it } from 'vitest';
import { bigrams, similarity, suggestGroups } from '../../shared/board/similarity';

describe('group suggestions', () => {
  it('groups Japanese cards that share words such as 食堂 and 送迎', () => {
    const cards = [
      { id: 'a', text: 'こども食堂の場所が分からない' },
      { id: 'b', text: '食堂の場所をもっと知らせたい' },
      { id: 'c', text: '送迎があれば高齢者も来られる' },
      { id: 'd', text: '高齢者の送迎ボランティア' },
      { id: 'e', text: '寄付の受け付け窓口' },
    ];
    const groups = suggestGroups(cards);
    expect(groups.map((g) => g.cardIds.sort())).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(groups[0].title).toContain('場所');
    expect(groups[1].title).toMatch(/送迎|高齢者/);
  });

  it('ignores punctuation, width and particles when comparing', () => {
    expect(similarity(bigrams('ＡＢＣ食堂！'), bigrams('abc食堂'))).toBe(1);
    expect(bigrams('している').size).toBe(0);
    expect(similarity(bigrams(''), bigrams('食堂'))).toBe(0);
  });

  it('suggests nothing for cards that share nothing', () => {
    expect(suggestGroups([{ id: 'a', text: '財源' }, { id: 'b', text: '人手不足' }])).toEqual([]);
  });
});
