import type { Stage } from './model';

/** A session template: the boards a new session gets and their starting journey. */
export interface SessionTemplate {
  id: string;
  boards: { key: string; nameKey: string }[];
  stages: Stage[];
}

const journey: Stage[] = [
  { id: 'know', title: '知る', description: '' },
  { id: 'visit', title: '行ってみる', description: '' },
  { id: 'join', title: '参加する', description: '' },
  { id: 'continue', title: '続ける', description: '' },
];

/** The templates Yoriai ships. `community-lab` is the default. */
export const SESSION_TEMPLATES: Record<string, SessionTemplate> = {
  'community-lab': { id: 'community-lab', boards: [{ key: 'main', nameKey: 'board.main' }], stages: journey },
  'free-board': { id: 'free-board', boards: [{ key: 'main', nameKey: 'board.main' }], stages: [] },
};

/** The template with this id, or undefined. */
export function findTemplate(id: string): SessionTemplate | undefined {
  return Object.prototype.hasOwnProperty.call(SESSION_TEMPLATES, id) ? SESSION_TEMPLATES[id] : undefined;
}
