import { z } from 'zod';
import { cardAddSchema, cardDeleteSchema, cardEditSchema, cardMoveSchema, commentAddSchema, reactionGetSchema, reactionStateSchema, reactionToggleSchema } from '../schemas/cards';
import {
  pollAnswerSchema,
  pollOpenSchema,
  pollRefSchema,
  pollStateSchema,
  pollViewSchema,
  outcomeViewSchema,
  rollupSchema,
  voteCastSchema,
  voteOpenSchema,
  voteRefSchema,
  voteStateSchema,
  voteViewSchema,
} from '../schemas/consensus';
import {
  controlStateSchema,
  emptySchema,
  followSchema,
  lockSchema,
  phaseSetSchema,
  projectorSetSchema,
  revokedSchema,
  rosterStateSchema,
  scribeSchema,
  shareSchema,
  spotlightSchema,
  tableChooseSchema,
  timerAddSchema,
  timerOptionsSchema,
} from '../schemas/control';
import type { TokenRole } from './events';

/**
 * The socket.io protocol, declared once. Every request a client may send names its payload
 * schema (`input`), the success payload of its acknowledgement (`ack`, sent as `{ ok: true,
 * ...ack }`), the token roles that may send it (`who`; anyone else is answered `forbidden`
 * before the handler runs) and a line for the docs. The event maps of both sides, the server's
 * handler registration and the socket tables of `docs/api.md` are derived from it.
 *
 * Kept apart from `./events` (types only) so code that needs only the types, like the phone's,
 * never loads zod.
 */

/** One client → server request. */
export interface RequestSpec {
  input: z.ZodType;
  ack: z.ZodObject;
  who: readonly TokenRole[];
  /** Which table of `docs/api.md` lists it. */
  area: 'cards' | 'control' | 'consensus';
  /** What the docs add to the schema: effects, rules, errors. */
  note?: string;
  /** Who may, in words, when the roles alone do not say it all. */
  whoNote?: string;
}

const anyone = ['participant', 'facilitator', 'observer'] as const;
const writers = ['participant', 'facilitator'] as const;
const facilitator = ['facilitator'] as const;
const participant = ['participant'] as const;

const done = z.object({});
const cardAck = z.object({ id: z.string() });
const ownCard = 'the card’s author; a facilitator for any card';
const broadcastsState = 'followed by a `session:state` broadcast';

/** Every request a client may send, with its payload, acknowledgement and who may send it. */
export const REQUESTS = {
  'card:add': {
    input: cardAddSchema,
    ack: cardAck,
    who: writers,
    area: 'cards',
    note: 'an id that exists and is the caller’s changes nothing and is answered `{ ok: true, id }`; another author’s id is `conflict`',
    whoNote: 'participant, facilitator (`onBehalfOf`: a participant id, facilitator only)',
  },
  'card:edit': { input: cardEditSchema, ack: cardAck, who: writers, area: 'cards', note: 'a participant may change `kind` only to one the current phase allows (`phase_forbids`)', whoNote: ownCard },
  'card:delete': { input: cardDeleteSchema, ack: cardAck, who: writers, area: 'cards', note: 'also `{ ok: true, id }` when the card is already gone', whoNote: ownCard },
  'card:move': { input: cardMoveSchema, ack: cardAck, who: writers, area: 'cards', note: '`stageId: null` takes the card off every stage', whoNote: ownCard },
  'reaction:toggle': {
    input: reactionToggleSchema,
    ack: reactionStateSchema,
    who: writers,
    area: 'cards',
    note: '共感 (+1): `on: true` marks the card, `false` takes the mark back; one per person and card, counted by the server (sending the same state again changes nothing); any board of the session, not while it is locked; `not_open` once the session is closed; followed by a `reaction:state` broadcast',
  },
  'reaction:get': { input: reactionGetSchema, ack: z.object({ counts: z.record(z.string(), z.number().int()), mine: z.array(z.string()) }), who: anyone, area: 'cards', note: 'every marked card’s 共感 count on that board, and the cards the caller marked' },
  'comment:add': {
    input: commentAddSchema,
    ack: cardAck,
    who: writers,
    area: 'cards',
    note: 'the server writes `{ id, cardId, text, authorId, createdAt }` into the board’s `comments`; a replayed `id` is answered `{ ok: true, id }` and adds nothing; only in a phase in which cards are written (`phase_forbids`), on one’s own table, not while locked; `not_open` once the session is closed',
    whoNote: 'a participant on their own table (any card); a facilitator anywhere',
  },

  'phase:set': {
    input: phaseSetSchema,
    ack: done,
    who: facilitator,
    area: 'control',
    note: `also resets the timer to the phase’s duration, paused (running when \`timerOptions.startWithPhase\` is on and the phase has a duration); any phase may be set, not only the next; ${broadcastsState}`,
  },
  'timer:start': { input: emptySchema, ack: done, who: facilitator, area: 'control', note: broadcastsState },
  'timer:pause': { input: emptySchema, ack: done, who: facilitator, area: 'control', note: broadcastsState },
  'timer:reset': { input: emptySchema, ack: done, who: facilitator, area: 'control', note: broadcastsState },
  'timer:add': { input: timerAddSchema, ack: done, who: facilitator, area: 'control', note: `negative takes time off; in overtime, adding starts again from zero; ${broadcastsState}` },
  'timer:options': {
    input: timerOptionsSchema,
    ack: done,
    who: facilitator,
    area: 'control',
    note: `\`chime\`: the projector sounds once when the timer reaches 0:00 (off by default); \`startWithPhase\`: \`phase:set\` starts the timer (off by default); a field left out stays as it is; ${broadcastsState}`,
  },
  'board:lock': { input: lockSchema, ack: done, who: facilitator, area: 'control', note: broadcastsState },
  'follow:set': { input: followSchema, ack: done, who: facilitator, area: 'control', note: `bring every screen to this board and stage; \`room: null\` ends it; ${broadcastsState}` },
  'spotlight:set': { input: spotlightSchema, ack: done, who: facilitator, area: 'control', note: broadcastsState },
  'projector:set': {
    input: projectorSetSchema,
    ack: done,
    who: facilitator,
    area: 'control',
    note: `\`view\`: \`auto\` (the phase, an open or revealed vote or poll, share mode decide), \`board\`, \`table\` (the table of \`share.index\`), \`spotlight\`, \`results\`, \`decisions\` (decisions and actions), \`closing\`; \`qr\`: \`auto\` (shown until the first phase in which cards are written), \`shown\`, \`hidden\`; a field left out stays as it is; ${broadcastsState}`,
  },
  'share:set': { input: shareSchema, ack: done, who: facilitator, area: 'control', note: `share mode: the projector shows table \`index\`; ${broadcastsState}` },
  'scribe:set': { input: scribeSchema, ack: done, who: facilitator, area: 'control', note: 'their board sockets close with `4100` and reconnect with the new rights' },
  'table:choose': { input: tableChooseSchema, ack: done, who: participant, area: 'control', note: 'only when the session’s `tableMode` is `choose`' },
  'board:rollup': {
    input: emptySchema,
    ack: rollupSchema,
    who: anyone,
    area: 'control',
    note: 'every table’s visible cards by journey stage, with its groups: what the main board shows at the share-out (`share.active`); read tolerantly',
  },

  'vote:open': { input: voteOpenSchema, ack: z.object({ voteId: z.string() }), who: facilitator, area: 'consensus', note: 'items are card or group ids of that board or, for a plenary vote on the main board, of any table of the session (each item then names its `table`; a group carries its `cards`)' },
  'vote:cast': {
    input: voteCastSchema,
    ack: z.object({ remaining: z.number().int() }),
    who: participant,
    area: 'consensus',
    note: 'the dots the caller now gives that item (`0` takes them back); `item_max_exceeded`, `budget_exceeded`, `not_open`',
  },
  'vote:close': { input: voteRefSchema, ack: done, who: facilitator, area: 'consensus' },
  'vote:reveal': { input: voteRefSchema, ack: done, who: facilitator, area: 'consensus', note: 'closes an open vote first' },
  'vote:get': { input: voteRefSchema, ack: z.object({ vote: voteViewSchema }), who: anyone, area: 'consensus', note: '`mine` is only the caller’s own dots' },
  'poll:open': {
    input: pollOpenSchema,
    ack: z.object({ pollId: z.string() }),
    who: facilitator,
    area: 'consensus',
    note: '`scale`: `agreement` (`agree`, `conditional`, `concern`, `oppose`), `fist-of-five` (`5`…`0`, 3 and up support) or your own choices',
  },
  'poll:answer': { input: pollAnswerSchema, ack: done, who: participant, area: 'consensus', note: 'answering again replaces the answer; `not_open` once closed' },
  'poll:close': { input: pollRefSchema, ack: done, who: facilitator, area: 'consensus' },
  'poll:reveal': { input: pollRefSchema, ack: done, who: facilitator, area: 'consensus', note: 'closes an open poll first' },
  'poll:get': { input: pollRefSchema, ack: z.object({ poll: pollViewSchema }), who: anyone, area: 'consensus', note: '`mine` is only the caller’s own answers' },
} as const satisfies Record<string, RequestSpec>;

/** One server → client broadcast. */
export interface BroadcastSpec {
  payload: z.ZodType;
  /** When it is sent, for the docs. */
  note: string;
}

/** Everything the server sends without being asked, with its payload. */
export const BROADCASTS = {
  'session:state': { payload: controlStateSchema, note: 'to every socket of the session on connect and after every change of phase, timer, lock, follow, spotlight, share, tables' },
  'roster:state': { payload: rosterStateSchema, note: 'when someone connects, leaves or changes table; at most one per session every 250 ms (the latest)' },
  'vote:state': { payload: voteStateSchema, note: 'on connect (one per vote) and after every change; before the reveal only how many voted' },
  'poll:state': { payload: pollStateSchema, note: 'on connect (one per poll) and after every change; before the reveal only how many answered; after it, a sector with fewer respondents than `smallGroupThreshold` is only named in `withheldOrganizationTypes` (少数のため非表示)' },
  'reaction:state': { payload: reactionStateSchema, note: 'after every `reaction:toggle`: that card’s new 共感 count, to every socket of the session' },
  'outcome:state': { payload: outcomeViewSchema, note: 'on connect and after every change of decisions and actions' },
  'session:revoked': { payload: revokedSchema, note: 'just before the sockets are cut: `removed` (a removed participant), `revoked` (a token revoked: logout, an observer link)' },
} as const satisfies Record<string, BroadcastSpec>;
