import type { CardKind } from '../schemas/cards';
import type { SurveyQuestion } from '../survey';
import type { Persona, Stage } from './model';

/** One phase of a workshop programme. */
export interface Phase {
  /** Stable id within the session (`opening`, `issues`, …). */
  key: string;
  /** Shown as is; when empty, the UI shows the text `phase.<key>`. */
  title: string;
  /** Default length in seconds; 0 means no timer. */
  durationSec: number;
  /** Card kinds participants may add in this phase (facilitators may always add any). */
  allowedKinds: CardKind[];
}

/** How participants get to a table: none (one board), they choose, or the server assigns. */
export type TableMode = 'none' | 'choose' | 'assign';

/** A table (breakout) of a template: a name and, in the forum format, its theme. */
export interface TableSpec {
  name: string;
  theme?: string;
}

/** A session template: programme, journey and tables a new session starts with. */
export interface SessionTemplate {
  id: string;
  /** i18n key of the template's name for built-ins; custom templates carry `name`. */
  nameKey?: string;
  name?: string;
  phases: Phase[];
  stages: Stage[];
  tableMode: TableMode;
  tables: TableSpec[];
  /** A prepared persona (saved templates). */
  persona?: Partial<Persona>;
  /** The closing survey; the standard one when absent. */
  survey?: SurveyQuestion[];
}

const ALL: CardKind[] = ['issue', 'idea', 'opinion', 'question'];

const journey: Stage[] = [
  { id: 'know', title: '知る', description: '' },
  { id: 'visit', title: '行ってみる', description: '' },
  { id: 'join', title: '参加する', description: '' },
  { id: 'continue', title: '続ける', description: '' },
];

const phase = (key: string, minutes: number, allowedKinds: CardKind[] = []): Phase => ({
  key,
  title: '',
  durationSec: minutes * 60,
  allowedKinds,
});

/**
 * The templates Yoriai ships. `community-lab` follows the city's two-hour working group:
 * opening, purpose, persona and journey, issues, ideas, opinions, grouping, sharing,
 * reflection, closing.
 */
export const BUILT_IN_TEMPLATES: readonly SessionTemplate[] = [
  {
    id: 'community-lab',
    nameKey: 'template.community-lab',
    phases: [
      phase('opening', 5),
      phase('purpose', 10),
      phase('persona', 15, ['question']),
      phase('issues', 15, ['issue', 'question']),
      phase('ideas', 15, ['idea']),
      phase('opinions', 10, ['opinion']),
      phase('grouping', 15),
      phase('share', 20),
      phase('reflection', 10, ['opinion']),
      phase('closing', 5),
    ],
    stages: journey,
    tableMode: 'none',
    tables: [],
  },
  {
    id: 'theme-tables',
    nameKey: 'template.theme-tables',
    phases: [
      phase('opening', 5),
      phase('purpose', 10),
      phase('choose-table', 5),
      phase('discussion', 45, ALL),
      phase('share', 20),
      phase('reflection', 10, ['opinion']),
      phase('closing', 5),
    ],
    stages: [],
    tableMode: 'choose',
    tables: [
      { name: 'テーマ1', theme: '' },
      { name: 'テーマ2', theme: '' },
      { name: 'テーマ3', theme: '' },
    ],
  },
  {
    id: 'free-board',
    nameKey: 'template.free-board',
    phases: [{ key: 'free', title: '', durationSec: 0, allowedKinds: ALL }],
    stages: [],
    tableMode: 'none',
    tables: [],
  },
];

/** The built-in template with this id, or undefined. */
export function findBuiltInTemplate(id: string): SessionTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id);
}
