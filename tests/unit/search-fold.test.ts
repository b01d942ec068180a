import { describe, expect, it } from 'vitest';
import { expandQuery, findHighlights, foldText, MAX_ALTERNATIVES } from '../../shared/search/fold';

describe('search folding', () => {
  it('folds full-width letters, case and katakana, and half-width kana with their voiced marks', () => {
    expect(foldText('ＬＩＮＥ')).toBe('line');
    expect(foldText('コドモ食堂')).toBe('こども食堂');
    expect(foldText('ｶﾞｯｺｳ')).toBe('がっこう');
  });

  it('marks the words as written, even where folding changed their length', () => {
    const text = 'ﾎﾞﾗﾝﾃｨｱとＬＩＮＥで';
    const [range] = findHighlights(text, [foldText('ボランティア')]);
    expect(text.slice(...range)).toBe('ﾎﾞﾗﾝﾃｨｱ');
    expect(findHighlights(text, ['line']).map((r) => text.slice(...r))).toEqual(['ＬＩＮＥ']);
  });

  it('merges overlapping marks', () => {
    expect(findHighlights('こども食堂', ['こども', 'ども食'])).toEqual([[0, 4]]);
  });

  it('expands a query into the spellings of its variant groups, and stays bounded', () => {
    expect(expandQuery('子ども食堂', [['こども', '子ども', '子供']]).sort()).toEqual(['こども食堂', '子ども食堂', '子供食堂'].sort());
    const many = Array.from({ length: 10 }, (_, i) => [`a${i}`, `b${i}`, `c${i}`]);
    expect(expandQuery(many.map((g) => g[0]).join(' '), many).length).toBeLessThanOrEqual(MAX_ALTERNATIVES);
  });
});
