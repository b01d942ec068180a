import type { SurveyQuestion } from '../../../shared/survey';
import { requestJson } from './http';

/** `GET /api/sessions/:id/survey/questions`: what the facilitator's survey editor starts from. */
export interface SurveyEditorView {
  questions: SurveyQuestion[];
  theme: string;
  /** Still the city's standard questions (never edited). */
  standard: boolean;
  /** Questions with answers: their wording and answers can no longer change. */
  answeredQuestionIds: string[];
  responses: number;
}

const path = (id: string) => `/api/sessions/${encodeURIComponent(id)}/survey`;

/** The facilitator's survey editor. */
export const surveyEditorApi = {
  load: (sessionId: string) => requestJson<SurveyEditorView>('GET', `${path(sessionId)}/questions`),
  save: (sessionId: string, questions: SurveyQuestion[]) => requestJson<SurveyQuestion[]>('PUT', path(sessionId), { body: questions }),
};
