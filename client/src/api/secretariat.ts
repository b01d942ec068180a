import type { SessionView } from '../../../shared/schemas/api';
import type { ActionStatus } from '../../../shared/schemas/consensus';
import type { ActionView, ArchiveEntry, ProgressNote, RegisterEntry, SessionReport, SinceLastView, StatsView, SurveyView } from '../../../shared/schemas/reports';
import { requestJson } from './http';

// The response shapes are shared with the server, which builds them.
export type {
  ActionView,
  ArchiveEntry,
  DecisionView,
  ProgressNote,
  RegisterEntry,
  RevealedPoll,
  RevealedVote,
  SessionReport,
  SinceLastView,
  SourceRef,
  StatsView,
  SurveyQuestionReport,
  SurveyView,
} from '../../../shared/schemas/reports';

/** Filters of the archive; empty strings are left out of the query. */
export interface ArchiveQuery {
  q?: string;
  from?: string;
  to?: string;
  theme?: string;
  facilitator?: string;
  status?: '' | 'open' | 'closed';
  series?: string;
  /** One of the account's spaces (the switcher's choice). */
  spaceId?: string;
}

/** Filters of the register. */
export interface RegisterQuery {
  status?: '' | ActionStatus;
  overdue?: boolean;
  organization?: string;
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
  importSession: (exported: unknown, spaceId?: string) => requestJson<{ id: string }>('POST', `/api/sessions/import${spaceId ? `?spaceId=${encodeURIComponent(spaceId)}` : ''}`, { body: exported }),
  register: (filters: RegisterQuery) => requestJson<RegisterEntry[]>('GET', `/api/actions${query({ ...filters })}`),
  setActionStatus: (actionId: string, status: ActionStatus) => requestJson<ActionView>('PATCH', `/api/actions/${encodeURIComponent(actionId)}`, { body: { status } }),
  addNote: (actionId: string, note: string) => requestJson<ProgressNote>('POST', `/api/actions/${encodeURIComponent(actionId)}/notes`, { body: { note } }),
  sinceLast: (id: string) => requestJson<SinceLastView>('GET', `${session(id)}/since-last`),
  stats: () => requestJson<StatsView>('GET', '/api/stats'),
};
