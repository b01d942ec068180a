import type { Ack } from './errors';
import type { Phase, TableMode } from '../board/templates';
import type { CardAdd, CardDelete, CardEdit, CardMove } from '../schemas/cards';
import type { PollState, PollView, ScaleChoice, VoteState, VoteView } from '../schemas/consensus';
import type { OutcomeView } from '../schemas/reports';

/** Role an access token carries on the realtime channels. */
export type TokenRole = 'participant' | 'facilitator' | 'observer';

/** Presence of one person in a session, as the server counts it. */
export interface RosterEntry {
  participantId: string | null;
  displayName: string;
  organizationType: string | null;
  role: TokenRole;
  connections: number;
  /** The table (board room) the participant sits at, if any. */
  room: string | null;
  scribe: boolean;
}

/** The session timer. While running, the time left is `endsAt - serverNow` on the server's clock. */
export interface TimerState {
  running: boolean;
  /** Epoch ms when it reaches zero (running only). */
  endsAt: number | null;
  /** Ms left when paused. */
  remainingMs: number;
  /** The phase's planned length in ms. */
  durationMs: number;
}

/** A board of the session, as the control state lists it. */
export interface BoardInfo {
  room: string;
  name: string;
  kind: 'main' | 'table';
  theme: string;
}

/**
 * Everything the server decides about a running session, broadcast as `session:state` to
 * every socket of the session on connect and after each change.
 */
export interface ControlState {
  sessionId: string;
  title: string;
  theme: string;
  status: 'open' | 'closed';
  phases: Phase[];
  phaseIndex: number;
  timer: TimerState;
  locked: boolean;
  follow: { room: string; stageId: string | null } | null;
  spotlight: { room: string; cardId: string } | null;
  share: { active: boolean; index: number };
  tableMode: TableMode;
  boards: BoardInfo[];
  /** The server's clock when this state was sent, so clients can correct their own. */
  serverNow: number;
}

type Request<P, R extends object = object> = (payload: P, ack: (res: Ack<R>) => void) => void;

/** Events a client sends over socket.io, with the acknowledgement each receives. */
export interface ClientToServerEvents {
  'card:add': (payload: CardAdd, ack: (res: Ack<{ id: string }>) => void) => void;
  'card:edit': (payload: CardEdit, ack: (res: Ack<{ id: string }>) => void) => void;
  'card:delete': (payload: CardDelete, ack: (res: Ack<{ id: string }>) => void) => void;
  'card:move': (payload: CardMove, ack: (res: Ack<{ id: string }>) => void) => void;
  'phase:set': Request<{ index: number }>;
  'timer:start': Request<object>;
  'timer:pause': Request<object>;
  'timer:reset': Request<object>;
  'timer:add': Request<{ seconds: number }>;
  'board:lock': Request<{ locked: boolean }>;
  'follow:set': Request<{ room: string | null; stageId?: string | null }>;
  'spotlight:set': Request<{ room: string | null; cardId: string | null }>;
  'share:set': Request<{ active: boolean; index?: number }>;
  'scribe:set': Request<{ participantId: string; scribe: boolean }>;
  'table:choose': Request<{ room: string }>;
  'vote:open': Request<{ room: string; itemIds: string[]; dotsPerPerson: number; maxPerItem: number; anonymous?: boolean; title?: string }, { voteId: string }>;
  'vote:cast': Request<{ voteId: string; itemId: string; dots: number }, { remaining: number }>;
  'vote:close': Request<{ voteId: string }>;
  'vote:reveal': Request<{ voteId: string }>;
  'vote:get': Request<{ voteId: string }, { vote: VoteView }>;
  'poll:open': Request<{ room: string; itemIds: string[]; scale?: 'agreement' | 'fist-of-five' | ScaleChoice[]; title?: string }, { pollId: string }>;
  'poll:answer': Request<{ pollId: string; itemId: string; choice: string; reason?: string }>;
  'poll:close': Request<{ pollId: string }>;
  'poll:reveal': Request<{ pollId: string }>;
  'poll:get': Request<{ pollId: string }, { poll: PollView }>;
}

/** A session's decisions and follow-up actions, as broadcast in `outcome:state`. */
export type OutcomeState = OutcomeView;

/** Events the server broadcasts to the clients of a session. */
export interface ServerToClientEvents {
  'roster:state': (state: { sessionId: string; people: RosterEntry[] }) => void;
  'session:state': (state: ControlState) => void;
  'vote:state': (state: VoteState) => void;
  'poll:state': (state: PollState) => void;
  'outcome:state': (state: OutcomeState) => void;
  'session:revoked': (info: { reason: string }) => void;
}
