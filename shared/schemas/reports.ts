import type { Persona, Stage } from '../board/model';
import type { SurveyQuestion } from '../survey';
import type { z } from 'zod';
import type { ActionStatus, actionViewSchema, decisionViewSchema, outcomeViewSchema, PollState, sourceRefSchema, VoteState } from './consensus';

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
  /** How many answered this question. */
  answered: number;
  answers: Record<string, number>;
  /** Percent of those who answered, one decimal. */
  percent: Record<string, number>;
  /** The headline figure: percent whose answer is one of the question's `positive` choices. */
  positivePercent: number | null;
  /** Free-text answers (text questions). */
  texts?: string[];
}

/** A decision's source: the card or group it came from, with the label it had. */
export type SourceRef = z.infer<typeof sourceRefSchema>;
/** A decision (合意事項) with the cards or groups it came from. */
export type DecisionView = z.infer<typeof decisionViewSchema>;
/** A follow-up action: what, who (organisation and person), by when, how far along. */
export type ActionView = z.infer<typeof actionViewSchema>;
/** A session's outcome: its decisions and follow-up actions (also the `outcome:state` broadcast). */
export type OutcomeView = z.infer<typeof outcomeViewSchema>;

export type RevealedVote = Extract<VoteState, { status: 'revealed' }>;
export type RevealedPoll = Extract<PollState, { status: 'revealed' }>;

/** `GET /api/sessions/:id/report`: every figure of the session report (事業報告). */
export interface SessionReport {
  session: {
    id: string;
    title: string;
    theme: string;
    venue: string;
    heldOn: string;
    status: 'open' | 'closed';
    closedAt: string | null;
    facilitator: string;
    template: string;
    series: string;
  };
  participants: { total: number; byOrganizationType: Record<string, number>; percentByOrganizationType: Record<string, number> };
  boards: Array<{ room: string; name: string; kind: 'main' | 'table'; theme: string; persona: Persona; stages: Stage[] }>;
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
  /** The first archived text that matched the search, if searching. */
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
  /** The cards or groups the decision came from. */
  sources: SourceRef[];
  ownerOrganization: string;
  ownerPerson: string;
  dueDate: string | null;
  status: ActionStatus;
  overdue: boolean;
  updatedAt: string;
  notes: ProgressNote[];
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
