import { answersOf, checkSurveyAnswers, STANDARD_SURVEY, type SurveyQuestion } from '../../shared/survey';
import { findSurveyResponse, listSurveyResponses, upsertSurveyResponse } from '../../db/repositories/archive.repository';
import { findSessionById, updateSession } from '../../db/repositories/sessions.repository';
import type { TokenActor, UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { SurveyView } from '../../shared/schemas/reports';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { getManagedSession } from './sessions.service';
import { sessionSurvey, surveyAnswers } from './stored-json';

/** A session's survey questions: its own, or the standard closing survey. */
export function parseSurvey(ctx: Pick<ServiceContext, 'log'>, row: { id: string; survey: string }): SurveyQuestion[] {
  const questions = sessionSurvey.decode(ctx.log, row.id, row.survey);
  return questions.length > 0 ? questions : STANDARD_SURVEY;
}

/** How long after the close the closing survey still takes answers: people answer as they leave. */
const SURVEY_AFTER_CLOSE_MS = 24 * 3600 * 1000;

/** The survey takes answers while the session is open and for a day after it closed. */
function surveyOpen(ctx: Pick<ServiceContext, 'now'>, session: { status: string; closed_at: string | null }): boolean {
  if (session.status === 'open') return true;
  const closedAt = session.closed_at ? Date.parse(session.closed_at) : Number.NaN;
  return Number.isFinite(closedAt) && ctx.now().getTime() - closedAt < SURVEY_AFTER_CLOSE_MS;
}

/** What a participant's phone shows: the questions and the participant's earlier answers. */
export async function getSurvey(ctx: ServiceContext, actor: TokenActor, sessionId: string): Promise<SurveyView> {
  if (actor.sessionId !== sessionId) throw new AppError('forbidden', 'not your session');
  const session = await findSessionById(ctx.db, sessionId);
  if (!session) throw new AppError('not_found', 'no such session');
  const mine = actor.participantId ? await findSurveyResponse(ctx.db, sessionId, actor.participantId) : undefined;
  return {
    questions: parseSurvey(ctx, session),
    theme: session.theme,
    open: surveyOpen(ctx, session),
    answers: mine ? surveyAnswers.decode(ctx.log, `${sessionId}/${actor.participantId}`, mine.answers) : null,
  };
}

/**
 * Store a participant's answers (anonymous in every report: only counts and comments leave
 * the server). A second answer replaces the first. Unknown questions or choices are refused.
 */
export async function answerSurvey(ctx: ServiceContext, actor: TokenActor, sessionId: string, answers: Record<string, string>): Promise<void> {
  if (actor.sessionId !== sessionId) throw new AppError('forbidden', 'not your session');
  if (actor.role !== 'participant' || !actor.participantId) throw new AppError('forbidden', 'only participants answer the survey');
  const session = await findSessionById(ctx.db, sessionId);
  if (!session) throw new AppError('not_found', 'no such session');
  if (!surveyOpen(ctx, session)) throw new AppError('not_open', 'the survey closed a day after the session');
  const checked = checkSurveyAnswers(parseSurvey(ctx, session), answers);
  if (!checked.ok) throw new AppError('bad_request', checked.message);
  const clean = checked.answers;
  // An empty form would count as a response and inflate the response rate (回収率).
  if (Object.keys(clean).length === 0) throw new AppError('bad_request', 'answer at least one question');
  await upsertSurveyResponse(ctx.db, {
    session_id: sessionId,
    participant_id: actor.participantId,
    answers: surveyAnswers.encode(clean),
    submitted_at: ctx.now().toISOString(),
  });
}

/** What the survey editor shows: the questions (the standard ones until edited) and which already have answers. */
export interface SurveyEditorView {
  questions: SurveyQuestion[];
  theme: string;
  /** Whether the questions are still the standard closing survey (never edited). */
  standard: boolean;
  /** Questions that have answers: their wording, kind and answers can no longer change. */
  answeredQuestionIds: string[];
  responses: number;
}

async function answeredQuestions(ctx: ServiceContext, sessionId: string): Promise<{ ids: Set<string>; responses: number }> {
  const rows = await listSurveyResponses(ctx.db, sessionId);
  const ids = new Set<string>();
  for (const r of rows) {
    for (const [id, value] of Object.entries(surveyAnswers.decode(ctx.log, `${r.session_id}/${r.participant_id}`, r.answers))) if (value !== '') ids.add(id);
  }
  return { ids, responses: rows.length };
}

/** The facilitator's survey editor: the session's questions and what is already answered. */
export async function getSurveyEditor(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<SurveyEditorView> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const answered = await answeredQuestions(ctx, session.id);
  return {
    questions: parseSurvey(ctx, session),
    theme: session.theme,
    standard: sessionSurvey.decode(ctx.log, session.id, session.survey).length === 0,
    answeredQuestionIds: [...answered.ids],
    responses: answered.responses,
  };
}

// What a question asks and what its answers mean; `positive` only says how the report sums them up.
const meaningOf = (q: SurveyQuestion) => JSON.stringify([q.kind, q.title, answersOf(q), q.labels ?? {}, q.scale ?? null]);

/**
 * The facilitator sets a session's own survey questions. Answers are kept by question id, so once
 * a question has answers, changing what it asks (kind, wording, answers and their labels, scale)
 * or removing it would make those answers say something else: refused with `conflict`. Questions
 * without answers change freely, and new ones may be added at any time.
 */
export async function setSurvey(ctx: ServiceContext, actor: UserActor, sessionId: string, questions: SurveyQuestion[]): Promise<SurveyQuestion[]> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const before = new Map(parseSurvey(ctx, session).map((q) => [q.id, q]));
  const after = new Map(questions.map((q) => [q.id, q]));
  for (const id of (await answeredQuestions(ctx, session.id)).ids) {
    const was = before.get(id);
    if (!was) continue;
    const now = after.get(id);
    if (!now) throw new AppError('conflict', `question ${id} has answers and cannot be removed`);
    if (meaningOf(now) !== meaningOf(was)) throw new AppError('conflict', `question ${id} has answers: its wording and answers cannot change`);
  }
  await updateSession(ctx.db, session.id, { survey: sessionSurvey.encode(questions) });
  await recordAudit(ctx, actor, 'survey.change', { sessionId: session.id, detail: { questions: questions.length } });
  return questions;
}
