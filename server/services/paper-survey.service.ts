import { randomUUID } from 'node:crypto';
import { checkSurveyAnswers, type SurveyQuestion } from '../../shared/survey';
import { deleteSurveyResponse, findSurveyResponse, upsertSurveyResponse } from '../../db/repositories/archive.repository';
import { updateSession } from '../../db/repositories/sessions.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { getManagedSession } from './sessions.service';
import { surveyAnswers } from './stored-json';
import { parseSurvey } from './survey.service';

/**
 * Paper answers live beside the phones' in survey_responses under an id of their own: no
 * participant has it (participant ids are UUIDs), so every reader counts them as responses and
 * the report tells them apart by this prefix.
 */
export const PAPER_PREFIX = 'paper-';

/** Whether a stored survey response was typed in from a paper sheet. */
export function isPaperResponse(participantId: string): boolean {
  return participantId.startsWith(PAPER_PREFIX);
}

/** Answers checked against the session's questions: unknown questions or choices are refused, blanks dropped. */
function checkedAnswers(questions: SurveyQuestion[], answers: Record<string, string>): Record<string, string> {
  // The same check as a phone's answers (choices, a scale's numbers, free text).
  const checked = checkSurveyAnswers(questions, answers);
  if (!checked.ok) throw new AppError('bad_request', checked.message);
  // An empty sheet would count as a response and inflate the response rate (回収率).
  if (Object.keys(checked.answers).length === 0) throw new AppError('bad_request', 'answer at least one question');
  return checked.answers;
}

/**
 * The secretariat types in one paper answer sheet (open or closed session): counted in the
 * survey's figures and as 紙 in its response rate. Returns the sheet's id, to take it back.
 */
export async function addPaperAnswer(ctx: ServiceContext, actor: UserActor, sessionId: string, answers: Record<string, string>): Promise<{ id: string }> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const clean = checkedAnswers(parseSurvey(ctx, session), answers);
  const id = `${PAPER_PREFIX}${randomUUID()}`;
  await upsertSurveyResponse(ctx.db, { session_id: session.id, participant_id: id, answers: surveyAnswers.encode(clean), submitted_at: ctx.now().toISOString() });
  return { id };
}

/** Take back a paper answer typed in by mistake. A phone's answer cannot be removed this way. */
export async function removePaperAnswer(ctx: ServiceContext, actor: UserActor, sessionId: string, answerId: string): Promise<void> {
  const session = await getManagedSession(ctx, actor, sessionId);
  if (!isPaperResponse(answerId) || !(await findSurveyResponse(ctx.db, session.id, answerId))) throw new AppError('not_found', 'no such paper answer');
  await deleteSurveyResponse(ctx.db, session.id, answerId);
}

/** How many paper sheets were handed out (null: as many as answers were entered). */
export async function setPaperSheets(ctx: ServiceContext, actor: UserActor, sessionId: string, handedOut: number | null): Promise<{ handedOut: number | null }> {
  const session = await getManagedSession(ctx, actor, sessionId);
  await updateSession(ctx.db, session.id, { paper_survey_sheets: handedOut });
  return { handedOut };
}
