import { describe, expect, it } from 'vitest';
import { trimCardText } from '../../shared/cards';
import { cardAddSchema } from '../../shared/schemas/cards';

describe('trimCardText', () => {
  it('takes and refuses the same texts as the server’s card:add schema', () => {
    const texts = ['', '   ', '\u3000', ' 子ども食堂 ', 'a', 'x'.repeat(1000), 'x'.repeat(1001), ` ${'x'.repeat(1000)}\n`, '😀'.repeat(1000), '😀'.repeat(1001), '\ud83d'.repeat(1001)];
    for (const text of texts) {
      const parsed = cardAddSchema.shape.text.safeParse(text);
      expect(trimCardText(text)).toBe(parsed.success ? parsed.data : null);
    }
  });
});
