import { CARD_KINDS } from '../../shared/schemas/cards';
import type { RevealedPoll, RevealedVote, SessionReport, SurveyQuestionReport } from '../../shared/schemas/reports';
import type { SurveyQuestion } from '../../shared/survey';
import { listSurveyResponses } from '../../db/repositories/archive.repository';
import { listParticipants } from '../../db/repositories/sessions.repository';
import { findUserById } from '../../db/repositories/users.repository';
import type { UserActor } from '../auth/policy';
import type { ServiceContext } from './context';
import { readOutcome } from './outcomes.service';
import { percent } from './poll-results';
import { sessionPollStates } from './polls.service';
import { projectionFor } from './projection.service';
import { getManagedSession } from './sessions.service';
import { parseSurvey } from './survey.service';
import { surveyAnswers } from './stored-json';
import { sessionVoteStates } from './votes.service';

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
    const tally = new Map((q.choices ?? []).map((c) => [c, 0]));
    for (const a of given) tally.set(a, (tally.get(a) ?? 0) + 1);
    const answers: Record<string, number> = Object.fromEntries(tally);
    const positive = q.positive ? given.filter((a) => q.positive!.includes(a)).length : null;
    return {
      id: q.id,
      kind: q.kind,
      title: q.title,
      choices: q.choices,
      labels: q.labels,
      answered: given.length,
      answers,
      percent: Object.fromEntries(Object.entries(answers).map(([c, n]) => [c, percent(n, given.length)])),
      positivePercent: positive === null ? null : percent(positive, given.length),
    };
  });
}

/**
 * Every figure the city reports for a session, counted by the server: participants by
 * organisation type, cards by kind and stage, votes and agreement, decisions and actions, and
 * the survey with its response rate (回収率 = responses / participants).
 */
export async function buildReport(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<SessionReport> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const [projection, participants, responses, votes, polls, outcome, facilitator] = await Promise.all([
    projectionFor(ctx, session),
    listParticipants(ctx.db, session.id),
    listSurveyResponses(ctx.db, session.id),
    sessionVoteStates(ctx, session.id),
    sessionPollStates(ctx, session.id),
    readOutcome(ctx, session.id),
    findUserById(ctx.db, session.created_by),
  ]);
  const byOrganizationType = countBy(participants, (p) => p.organization_type);
  const stageTitles = new Map(projection.boards.flatMap((b) => b.stages.map((s) => [s.id, s.title] as const)));
  const stages = new Map<string, { title: string; total: number; byKind: Map<string, number> }>();
  for (const card of projection.cards) {
    const key = card.stageId ?? '';
    const stage = stages.get(key) ?? { title: key ? (stageTitles.get(key) ?? key) : '', total: 0, byKind: new Map(CARD_KINDS.map((k) => [k, 0])) };
    stages.set(key, stage);
    stage.total += 1;
    stage.byKind.set(card.kind, (stage.byKind.get(card.kind) ?? 0) + 1);
  }
  const byStage: SessionReport['cards']['byStage'] = Object.fromEntries([...stages].map(([key, s]) => [key, { ...s, byKind: Object.fromEntries(s.byKind) }]));
  const invited = participants.length;
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
    participants: {
      total: participants.length,
      byOrganizationType,
      percentByOrganizationType: Object.fromEntries(Object.entries(byOrganizationType).map(([k, n]) => [k, percent(n, participants.length)])),
    },
    boards: projection.boards,
    cards: {
      total: projection.cards.length,
      byKind: { ...Object.fromEntries(CARD_KINDS.map((k) => [k, 0])), ...countBy(projection.cards, (c) => c.kind) },
      byStage,
      items: projection.cards.map((c) => ({ room: c.room, id: c.id, kind: c.kind, text: c.text, stageId: c.stageId, groupId: c.groupId, organizationType: c.organizationType, authorName: c.authorName })),
    },
    groups: projection.groups.map((g) => ({ ...g, cardCount: projection.cards.filter((c) => c.room === g.room && c.groupId === g.id).length })),
    votes: votes.filter((v): v is RevealedVote => v.status === 'revealed'),
    polls: polls.filter((p): p is RevealedPoll => p.status === 'revealed'),
    decisions: outcome.decisions,
    actions: outcome.actions,
    survey: {
      invited,
      responses: responses.length,
      responseRate: percent(responses.length, invited),
      questions: summariseSurvey(parseSurvey(ctx, session), responses.map((r) => surveyAnswers.decode(ctx.log, `${r.session_id}/${r.participant_id}`, r.answers))),
    },
  };
}
