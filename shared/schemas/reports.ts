import type { Persona, Stage } from '../board/model';
import type { SurveyQuestion } from '../survey';
import { z } from 'zod';
import type { ActionStatus, actionViewSchema, decisionViewSchema, outcomeViewSchema, PollState, sourceRefSchema, VoteState } from './consensus';

/** `GET /api/sessions/:id/survey`: the questions, whether answers are still taken, and the caller's earlier answers. */
export interface SurveyView {
  questions: SurveyQuestion[];
  /** The session's theme: the standard understanding question asks about it. */
  theme: string;
  open: boolean;
  answers: Record<string, string> | null;
}

/** One survey question's figures in the report. */
export interface SurveyQuestionReport {
  id: string;
  kind: 'choice' | 'scale' | 'text';
  title: string;
  /** The answers counted, in display order (a scale's numbers as strings). */
  choices?: string[];
  labels?: Record<string, string>;
  /** Scale questions: the range and the words at its ends. */
  scale?: SurveyQuestion['scale'];
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

/** A card as the report lists it. */
export interface ReportCard {
  room: string;
  id: string;
  kind: string;
  text: string;
  stageId: string | null;
  groupId: string | null;
  organizationType: string;
  authorName: string;
  /** How many people marked the card with 共感 (the report sets it; other readers may leave it out). */
  reactions?: number;
}

/** `POST /api/sessions/:id/survey/paper`: one paper answer sheet, typed in by the secretariat. */
export const paperAnswerSchema = z.object({ answers: z.record(z.string().max(40), z.string().max(2000)) });
/** `PUT /api/sessions/:id/survey/paper-sheets`: paper sheets handed out (null: as many as were entered). */
export const paperSheetsSchema = z.object({ handedOut: z.number().int().min(0).max(100_000).nullable() });

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
  /** A sector with fewer people than this shows 少数のため非表示 in figures by organisation type. */
  smallGroupThreshold: number;
  /** `proxy`: entered by the facilitator for someone without a phone (in `total`, not in the survey's denominator). */
  participants: { total: number; phone: number; proxy: number; byOrganizationType: Record<string, number>; percentByOrganizationType: Record<string, number> };
  boards: Array<{ room: string; name: string; kind: 'main' | 'table'; theme: string; persona: Persona; stages: Stage[] }>;
  /** The cards the room saw: hidden cards are only in `moderation`. */
  cards: {
    total: number;
    byKind: Record<string, number>;
    byStage: Record<string, { title: string; total: number; byKind: Record<string, number> }>;
    items: ReportCard[];
  };
  /** For the secretariat: the cards a facilitator hid (非表示), left out of every other part. */
  moderation: { hiddenCards: ReportCard[] };
  groups: Array<{ room: string; id: string; title: string; stageId: string | null; cardCount: number }>;
  /** `title`: as the facilitator typed it ('' when none was). */
  votes: Array<RevealedVote & { title: string }>;
  polls: Array<RevealedPoll & { title: string }>;
  decisions: DecisionView[];
  actions: ActionView[];
  /**
   * 回収率 = (phone answers + paper answers) / (phone participants + paper sheets handed out):
   * `invited` is that denominator, `responses` the numerator. Proxy participants have no phone
   * and are not in it; paper sheets handed out is what the secretariat entered, never fewer
   * than the paper answers entered.
   */
  survey: {
    invited: number;
    responses: number;
    responseRate: number;
    phone: { participants: number; responses: number };
    paper: { responses: number; handedOut: number; entered: number | null; entries: Array<{ id: string; submittedAt: string }> };
    proxyParticipants: number;
    questions: SurveyQuestionReport[];
  };
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
