import { requestJson } from './http';

const session = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/** Paper survey sheets the secretariat types in (counted as 紙 in the report). */
export const paperSurveyApi = {
  add: (id: string, answers: Record<string, string>) => requestJson<{ id: string }>('POST', `${session(id)}/survey/paper`, { body: { answers } }),
  remove: (id: string, answerId: string) => requestJson<void>('DELETE', `${session(id)}/survey/paper/${encodeURIComponent(answerId)}`),
  setSheets: (id: string, handedOut: number | null) => requestJson<{ handedOut: number | null }>('PUT', `${session(id)}/survey/paper-sheets`, { body: { handedOut } }),
};
