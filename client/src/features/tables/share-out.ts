import type { ControlState } from '../../../../shared/protocol';

/**
 * The share-out (結果の共有): the phase keyed `share`, or share mode switched on, in a session with
 * tables. Then the main board shows every table's cards, by table and stage.
 */
export function isShareOut(state: ControlState | null): boolean {
  if (!state || !state.boards.some((b) => b.kind === 'table')) return false;
  return state.share.active || state.phases[state.phaseIndex]?.key === 'share';
}
