import { CARD_KINDS } from '../../shared/schemas/cards';
import { countSessionReactions } from '../../db/repositories/reactions.repository';
import type { ReportCard, SessionReport, SurveyQuestionReport } from '../../shared/schemas/reports';
import { answersOf, type SurveyQuestion } from '../../shared/survey';
import { listSurveyResponses, type SurveyResponseRow } from '../../db/repositories/archive.repository';
import { listParticipants, type SessionRow } from '../../db/repositories/sessions.repository';
import { findUserById } from '../../db/repositories/users.repository';
import type { UserActor } from '../auth/policy';
import type { ServiceContext } from './context';
import { readOutcome } from './outcomes.service';
import { isPaperResponse } from './paper-survey.service';
import { percent } from './poll-results';
import { listPollSummaries, sessionPollStates } from './polls.service';
import { type ProjectedCard, projectionFor, type SessionProjection } from './projection.service';
import { getManagedSession } from './sessions.service';
import { parseSurvey } from './survey.service';
import { surveyAnswers } from './stored-json';
import { listVoteSummaries, sessionVoteStates } from './votes.service';

// Counts are kept in Maps: a key from stored data (`__proto__`, `constructor`) is then only a key.
function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return Object.fromEntries(out);
}

function summariseSurvey(questions: SurveyQuestion[], responses: Array<Record<string, string>>): SurveyQuestionReport[] {
  return questions.map((q) => {
    const given = responses.map((r) => r[q.id]).filter((a): a is string => typeof a === 'string' && a !== '');
    if (q.kind === 'text') {
      return { id: q.id, kind: q.kind, title: q.title, answered: given.length, answers: {}, percent: {}, positivePercent: null, texts: given };
    }
    // Custom questions are counted by their own answers (a scale's numbers, a choice's ids).
    const tally = new Map(answersOf(q).map((c) => [c, 0]));
    for (const a of given) tally.set(a, (tally.get(a) ?? 0) + 1);
    const answers: Record<string, number> = Object.fromEntries(tally);
    const positive = q.positive ? given.filter((a) => q.positive!.includes(a)).length : null;
    return {
      id: q.id,
      kind: q.kind,
      title: q.title,
      choices: answersOf(q),
      labels: q.labels,
      scale: q.scale,
      answered: given.length,
      answers,
      percent: Object.fromEntries(Object.entries(answers).map(([c, n]) => [c, percent(n, given.length)])),
      positivePercent: positive === null ? null : percent(positive, given.length),
    };
  });
}

const reportCard = (c: ProjectedCard): ReportCard => ({ room: c.room, id: c.id, kind: c.kind, text: c.text, stageId: c.stageId, groupId: c.groupId, organizationType: c.organizationType, authorName: c.authorName });

/** The cards the room saw (hidden ones left out), by kind and by stage. */
function summariseCards(projection: SessionProjection, shown: ProjectedCard[]): SessionReport['cards'] {
  const stageTitles = new Map(projection.boards.flatMap((b) => b.stages.map((s) => [s.id, s.title] as const)));
  const stages = new Map<string, { title: string; total: number; byKind: Map<string, number> }>();
  for (const card of shown) {
    const key = card.stageId ?? '';
    const stage = stages.get(key) ?? { title: key ? (stageTitles.get(key) ?? key) : '', total: 0, byKind: new Map(CARD_KINDS.map((k) => [k, 0])) };
    stages.set(key, stage);
    stage.total += 1;
    stage.byKind.set(card.kind, (stage.byKind.get(card.kind) ?? 0) + 1);
  }
  return {
    total: shown.length,
    byKind: { ...Object.fromEntries(CARD_KINDS.map((k) => [k, 0])), ...countBy(shown, (c) => c.kind) },
    byStage: Object.fromEntries([...stages].map(([key, s]) => [key, { ...s, byKind: Object.fromEntries(s.byKind) }])),
    items: shown.map(reportCard),
  };
}

/**
 * The closing survey over the people who could answer it: phones answer, proxy participants
 * (no phone) are counted apart, and paper sheets typed in by the secretariat count as 紙.
 * 回収率 = (phone answers + paper answers) / (phone participants + paper sheets handed out).
 */
function summariseSurveyOf(ctx: ServiceContext, session: SessionRow, participants: Array<{ proxy: number }>, rows: SurveyResponseRow[]): SessionReport['survey'] {
  const phoneParticipants = participants.filter((p) => p.proxy !== 1).length;
  const paper = rows.filter((r) => isPaperResponse(r.participant_id));
  const phoneResponses = rows.length - paper.length;
  const handedOut = Math.max(session.paper_survey_sheets ?? 0, paper.length);
  const invited = phoneParticipants + handedOut;
  return {
    invited,
    responses: rows.length,
    responseRate: percent(rows.length, invited),
    phone: { participants: phoneParticipants, responses: phoneResponses },
    paper: { responses: paper.length, handedOut, entered: session.paper_survey_sheets, entries: paper.map((r) => ({ id: r.participant_id, submittedAt: r.submitted_at })) },
    proxyParticipants: participants.length - phoneParticipants,
    questions: summariseSurvey(parseSurvey(ctx, session), rows.map((r) => surveyAnswers.decode(ctx.log, `${r.session_id}/${r.participant_id}`, r.answers))),
  };
}

/**
 * Every figure the city reports for a session, counted by the server: participants by
 * organisation type, the cards the room saw (the ones a facilitator hid only in `moderation`),
 * votes and agreement under the titles they were given (sectors too small to show withheld, see
 * poll-results), decisions and actions, and the survey with its response rate.
 */
export async function buildReport(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<SessionReport> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const [projection, participants, responses, votes, polls, voteTitles, pollTitles, outcome, facilitator, reactions] = await Promise.all([
    projectionFor(ctx, session),
    listParticipants(ctx.db, session.id),
    listSurveyResponses(ctx.db, session.id),
    sessionVoteStates(ctx, session.id),
    sessionPollStates(ctx, session.id),
    listVoteSummaries(ctx, session.id),
    listPollSummaries(ctx, session.id),
    readOutcome(ctx, session.id),
    findUserById(ctx.db, session.created_by),
    countSessionReactions(ctx.db, session.id),
  ]);
  const reactionCount = new Map(reactions.map((r) => [`${r.room}/${r.cardId}`, r.count]));
  const withReactions = (card: ReportCard): ReportCard => ({ ...card, reactions: reactionCount.get(`${card.room}/${card.id}`) ?? 0 });
  const byOrganizationType = countBy(participants, (p) => p.organization_type);
  const shown = projection.cards.filter((c) => !c.hidden);
  const cards = summariseCards(projection, shown);
  const voteTitle = new Map(voteTitles.map((v) => [v.voteId, v.title]));
  const pollTitle = new Map(pollTitles.map((p) => [p.pollId, p.title]));
  return {
    session: {
      id: session.id,
      title: session.title,
      theme: session.theme,
      venue: session.venue,
      heldOn: session.held_on ?? session.created_at.slice(0, 10),
      status: session.status,
      closedAt: session.closed_at,
      facilitator: facilitator?.display_name ?? '',
      template: session.template,
      series: session.series,
    },
    smallGroupThreshold: ctx.config.smallGroupThreshold,
    participants: {
      total: participants.length,
      phone: participants.filter((p) => p.proxy !== 1).length,
      proxy: participants.filter((p) => p.proxy === 1).length,
      byOrganizationType,
      percentByOrganizationType: Object.fromEntries(Object.entries(byOrganizationType).map(([k, n]) => [k, percent(n, participants.length)])),
    },
    boards: projection.boards,
    cards: { ...cards, items: cards.items.map(withReactions) },
    moderation: { hiddenCards: projection.cards.filter((c) => c.hidden).map(reportCard) },
    groups: projection.groups.map((g) => ({ ...g, cardCount: shown.filter((c) => c.room === g.room && c.groupId === g.id).length })),
    votes: votes.flatMap((v) => (v.status === 'revealed' ? [{ ...v, title: voteTitle.get(v.voteId) ?? '' }] : [])),
    polls: polls.flatMap((p) => (p.status === 'revealed' ? [{ ...p, title: pollTitle.get(p.pollId) ?? '' }] : [])),
    decisions: outcome.decisions,
    actions: outcome.actions,
    survey: summariseSurveyOf(ctx, session, participants, responses),
  };
}
