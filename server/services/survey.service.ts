import { STANDARD_SURVEY, type SurveyQuestion } from '../../shared/survey';
import { findSurveyResponse, upsertSurveyResponse } from '../../db/repositories/archive.repository';
import { findSessionById, updateSession } from '../../db/repositories/sessions.repository';
import type { TokenActor, UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { SurveyView } from '../../shared/schemas/reports';
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
  const questions = new Map(parseSurvey(ctx, session).map((q) => [q.id, q]));
  const clean: Record<string, string> = {};
  for (const [id, value] of Object.entries(answers)) {
    const question = questions.get(id);
    if (!question) throw new AppError('bad_request', `no question ${id}`);
    if (question.kind === 'choice' && !question.choices?.includes(value)) throw new AppError('bad_request', `not a choice of ${id}`);
    if (value.trim() !== '') clean[id] = question.kind === 'text' ? value.trim() : value;
  }
  // An empty form would count as a response and inflate the response rate (回収率).
  if (Object.keys(clean).length === 0) throw new AppError('bad_request', 'answer at least one question');
  await upsertSurveyResponse(ctx.db, {
    session_id: sessionId,
    participant_id: actor.participantId,
    answers: surveyAnswers.encode(clean),
    submitted_at: ctx.now().toISOString(),
  });
}

/** The facilitator sets a session's own survey questions. */
export async function setSurvey(ctx: ServiceContext, actor: UserActor, sessionId: string, questions: SurveyQuestion[]): Promise<SurveyQuestion[]> {
  const session = await getManagedSession(ctx, actor, sessionId);
  for (const q of questions) {
    if (q.kind === 'choice' && (!q.choices || q.choices.length < 2)) throw new AppError('bad_request', `question ${q.id} needs two choices or more`);
  }
  await updateSession(ctx.db, session.id, { survey: sessionSurvey.encode(questions) });
  return questions;
}
