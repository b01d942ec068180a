import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { decisionSources, pollScale, sessionControl, sessionSurvey } from '../../server/services/stored-json';
import { AGREEMENT_SCALE } from '../../shared/schemas/consensus';

/** A logger that keeps what it writes. */
function memoryLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe('stored JSON column codecs', () => {
  it('reads what they wrote, and an empty column as the fallback without a warning', () => {
    const { log, lines } = memoryLog();
    const sources = [{ room: 's.main', kind: 'card' as const, id: 'c1', label: '案' }];
    expect(decisionSources.decode(log, 'd1', decisionSources.encode(sources))).toEqual(sources);
    expect(sessionSurvey.decode(log, 's1', '')).toEqual([]);
    expect(sessionControl.decode(log, 's1', '{}')).toMatchObject({ phaseIndex: 0, locked: false, timer: null });
    expect(lines).toEqual([]);
  });

  it('reads a value that does not parse or fit as the fallback and logs table, column and row', () => {
    const { log, lines } = memoryLog();
    expect(pollScale.decode(log, 'p1', '[{"id":')).toEqual(AGREEMENT_SCALE);
    expect(sessionControl.decode(log, 's1', '{"phaseIndex":"x"}')).toMatchObject({ phaseIndex: 0 });
    expect(lines.map((l) => [l.table, l.column, l.id])).toEqual([
      ['polls', 'scale', 'p1'],
      ['sessions', 'control', 's1'],
    ]);
  });

  it('skips the entries of a list column that do not fit and keeps the rest', () => {
    const { log, lines } = memoryLog();
    const good = { room: 's.main', kind: 'group', id: 'g1', label: '居場所' };
    expect(decisionSources.decode(log, 'd1', JSON.stringify([{ room: 5 }, good, 'x']))).toEqual([good]);
    expect(lines).toMatchObject([{ table: 'decisions', column: 'sources', id: 'd1', count: 2, skipped: [{ index: 0 }, { index: 2 }] }]);
  });
});
