import type { Persona, Stage } from '../../../shared/board/model';
import type { SessionView } from '../../../shared/schemas/api';
import type { ActionStatus, PollState, VoteState } from '../../../shared/schemas/consensus';
import type { SurveyQuestion } from '../../../shared/survey';
import { requestJson } from './http';

/** `GET /api/sessions/:id/survey`: the questions, whether answers are still taken, and the caller's earlier answers. */
export interface SurveyView {
  questions: SurveyQuestion[];
  open: boolean;
  answers: Record<string, string> | null;
}

/** One survey question's figures in the report. */
export interface SurveyQuestionReport {
  id: string;
  kind: 'choice' | 'text';
  title: string;
  choices?: string[];
  labels?: Record<string, string>;
  answered: number;
  answers: Record<string, number>;
  percent: Record<string, number>;
  positivePercent: number | null;
  texts?: string[];
}

/** A decision's source: the card or group it came from, with the label it had. */
export interface SourceRef {
  room: string;
  kind: 'card' | 'group';
  id: string;
  label: string;
}

/** A decision as the report lists it. */
export interface DecisionView {
  id: string;
  text: string;
  sources: SourceRef[];
  createdAt: string;
  updatedAt: string;
}

/** A follow-up action as the report lists it. */
export interface ActionView {
  id: string;
  sessionId: string;
  decisionId: string | null;
  title: string;
  ownerOrganization: string;
  ownerPerson: string;
  dueDate: string | null;
  status: ActionStatus;
  createdAt: string;
  updatedAt: string;
}

/** Revealed votes and polls, as the report carries them. */
export type RevealedVote = Extract<VoteState, { status: 'revealed' }>;
export type RevealedPoll = Extract<PollState, { status: 'revealed' }>;

/** `GET /api/sessions/:id/report`: every figure of the session report (事業報告). */
export interface SessionReport {
  session: { id: string; title: string; theme: string; venue: string; heldOn: string; status: 'open' | 'closed'; closedAt: string | null; facilitator: string; template: string; series: string };
  participants: { total: number; byOrganizationType: Record<string, number>; percentByOrganizationType: Record<string, number> };
  boards: Array<{ room: string; name: string; kind: string; theme: string; persona: Persona; stages: Stage[] }>;
  cards: {
    total: number;
    byKind: Record<string, number>;
    byStage: Record<string, { title: string; total: number; byKind: Record<string, number> }>;
    items: Array<{ room: string; id: string; kind: string; text: string; stageId: string | null; groupId: string | null; organizationType: string; authorName: string }>;
  };
  groups: Array<{ room: string; id: string; title: string; stageId: string | null; cardCount: number }>;
  votes: RevealedVote[];
  polls: RevealedPoll[];
  decisions: DecisionView[];
  actions: ActionView[];
  survey: { invited: number; responses: number; responseRate: number; questions: SurveyQuestionReport[] };
}

/** Filters of the archive; empty strings are left out of the query. */
export interface ArchiveQuery {
  q?: string;
  from?: string;
  to?: string;
  theme?: string;
  facilitator?: string;
  status?: '' | 'open' | 'closed';
  series?: string;
}

/** One session in the archive list. */
export interface ArchiveEntry {
  id: string;
  title: string;
  theme: string;
  series: string;
  venue: string;
  heldOn: string;
  status: 'open' | 'closed';
  facilitator: string;
  facilitatorId: string;
  match: string | null;
}

/** A dated progress note of an action. */
export interface ProgressNote {
  id: string;
  note: string;
  createdAt: string;
}

/** One row of the follow-up register. */
export interface RegisterEntry {
  id: string;
  sessionId: string;
  sessionTitle: string;
  sessionHeldOn: string;
  title: string;
  decision: string | null;
  sources: SourceRef[];
  ownerOrganization: string;
  ownerPerson: string;
  dueDate: string | null;
  status: ActionStatus;
  overdue: boolean;
  updatedAt: string;
  notes: ProgressNote[];
}

/** Filters of the register. */
export interface RegisterQuery {
  status?: '' | ActionStatus;
  overdue?: boolean;
  organization?: string;
}

/** `GET /api/sessions/:id/since-last`. */
export interface SinceLastView {
  previous: { id: string; title: string; heldOn: string } | null;
  actions: Array<RegisterEntry & { changedSince: boolean }>;
}

/** `GET /api/stats`: one row per session, oldest first, and the totals. */
export interface StatsView {
  sessions: Array<{
    sessionId: string;
    title: string;
    heldOn: string;
    participants: number;
    byOrganizationType: Record<string, number>;
    responses: number;
    satisfactionPercent: number | null;
    actions: { total: number; done: number };
  }>;
  totals: { sessions: number; participants: number; actionsDone: number; actionsOpen: number };
}

/** What the report page may change about a session. */
export interface SessionDetailsInput {
  venue?: string;
  heldOn?: string | null;
  series?: string;
}

const session = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

function query(params: Record<string, string | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The downloads of a session, in the UI language (CSV headers and labels follow it). */
export function exportUrls(id: string, language: string) {
  const lang = `?lang=${language === 'en' ? 'en' : 'ja'}`;
  return {
    markdown: `${session(id)}/export.md${lang}`,
    cardsCsv: `${session(id)}/export/cards.csv${lang}`,
    actionsCsv: `${session(id)}/export/actions.csv${lang}`,
    surveyCsv: `${session(id)}/export/survey.csv${lang}`,
    json: `${session(id)}/export.json`,
  };
}

/** The REST API after the session: the survey (participant token), archive, report, register, figures. */
export const secretariatApi = {
  getSurvey: (id: string, token: string) => requestJson<SurveyView>('GET', `${session(id)}/survey`, { token }),
  answerSurvey: (id: string, token: string, answers: Record<string, string>) => requestJson<void>('POST', `${session(id)}/survey`, { token, body: { answers } }),
  archive: (filters: ArchiveQuery) => requestJson<ArchiveEntry[]>('GET', `/api/archive${query({ ...filters })}`),
  report: (id: string) => requestJson<SessionReport>('GET', `${session(id)}/report`),
  getSession: (id: string) => requestJson<SessionView>('GET', session(id)),
  patchSession: (id: string, input: SessionDetailsInput) => requestJson<SessionView>('PATCH', session(id), { body: input }),
  closeSession: (id: string) => requestJson<void>('POST', `${session(id)}/close`),
  reopenSession: (id: string) => requestJson<void>('POST', `${session(id)}/reopen`),
  importSession: (exported: unknown) => requestJson<{ id: string }>('POST', '/api/sessions/import', { body: exported }),
  register: (filters: RegisterQuery) => requestJson<RegisterEntry[]>('GET', `/api/actions${query({ ...filters })}`),
  setActionStatus: (actionId: string, status: ActionStatus) => requestJson<ActionView>('PATCH', `/api/actions/${encodeURIComponent(actionId)}`, { body: { status } }),
  addNote: (actionId: string, note: string) => requestJson<ProgressNote>('POST', `/api/actions/${encodeURIComponent(actionId)}/notes`, { body: { note } }),
  sinceLast: (id: string) => requestJson<SinceLastView>('GET', `${session(id)}/since-last`),
  stats: () => requestJson<StatsView>('GET', '/api/stats'),
};
