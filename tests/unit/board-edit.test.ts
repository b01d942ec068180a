import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, readPersona, readStages } from '../../shared/board/model';
import { addStage, moveStage, removeStage, renameStage, setCardHidden, setPersonaField } from '../../client/src/realtime/board-edit';
import { formatClock, remainingMs } from '../../client/src/realtime/clock';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: 't',
    template: 'community-lab',
    stages: [
      { id: 'know', title: '知る', description: '' },
      { id: 'visit', title: '行ってみる', description: '' },
    ],
  });
  return doc;
}

describe('direct board edits', () => {
  it('changes only the differing span of a persona text, so concurrent typing elsewhere survives', () => {
    const a = board();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setPersonaField(a, 'name', 'ゆうき');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setPersonaField(a, 'name', 'ゆうきさん');
    setPersonaField(b, 'name', 'こ ゆうき');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readPersona(a).name).toBe('こ ゆうきさん');
    expect(readPersona(b).name).toBe('こ ゆうきさん');
    setPersonaField(a, 'emoji', '🧒');
    expect(readPersona(a).emoji).toBe('🧒');
  });

  it('adds, renames, reorders and removes journey stages, keeping their ids', () => {
    const doc = board();
    addStage(doc, '続ける');
    const added = readStages(doc)[2].id;
    moveStage(doc, 2, -1);
    renameStage(doc, 0, '知ってもらう');
    expect(readStages(doc).map((s) => [s.id, s.title])).toEqual([
      ['know', '知ってもらう'],
      [added, '続ける'],
      ['visit', '行ってみる'],
    ]);
    moveStage(doc, 0, -1);
    removeStage(doc, 1);
    expect(readStages(doc).map((s) => s.id)).toEqual(['know', 'visit']);
  });

  it('hides a card and shows it again', () => {
    const doc = board();
    const card = new Y.Map<unknown>([['id', 'c1'], ['text', 'x']]);
    doc.getMap('cards').set('c1', card);
    setCardHidden(doc, 'c1', true);
    expect(card.get('hidden')).toBe(true);
    setCardHidden(doc, 'c1', false);
    expect(card.has('hidden')).toBe(false);
  });
});

describe('the session timer on a device', () => {
  it('counts down by the server clock while running and shows whole seconds rounded up', () => {
    const timer = { running: true, endsAt: 100_000, remainingMs: 0, durationMs: 300_000 };
    expect(remainingMs(timer, 40_500)).toBe(59_500);
    expect(formatClock(59_500)).toBe('1:00');
    expect(formatClock(59_000)).toBe('0:59');
    expect(remainingMs(timer, 200_000)).toBe(0);
    expect(remainingMs({ ...timer, running: false, endsAt: null, remainingMs: 720_000 }, 0)).toBe(720_000);
    expect(formatClock(720_000)).toBe('12:00');
  });
});
