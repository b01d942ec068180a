import { z } from 'zod';

const room = z.string().min(1).max(200);
const itemId = z.string().min(1).max(100);
const voteId = z.string().min(1).max(100);

/** `vote:open`: a dot vote on cards or groups of one board. */
export const voteOpenSchema = z.object({
  room,
  itemIds: z.array(itemId).min(1).max(200),
  dotsPerPerson: z.number().int().min(1).max(50),
  maxPerItem: z.number().int().min(1).max(50),
  anonymous: z.boolean().default(true),
  title: z.string().trim().max(120).default(''),
});
/** `vote:cast`: the dots the participant now gives one item (0 takes them back). */
export const voteCastSchema = z.object({ voteId, itemId, dots: z.number().int().min(0).max(50) });
/** `vote:close`, `vote:reveal`, `vote:get`. */
export const voteRefSchema = z.object({ voteId });

/** One choice of an agreement scale; `supports` counts it as support in the sector view. */
export const scaleChoiceSchema = z.object({ id: z.string().min(1).max(40), label: z.string().max(40).default(''), supports: z.boolean() });
export type ScaleChoice = z.infer<typeof scaleChoiceSchema>;

/** The standard agreement scale (合意度): 賛成 / 条件付き賛成 / 懸念あり / 反対. */
export const AGREEMENT_SCALE: ScaleChoice[] = [
  { id: 'agree', label: '', supports: true },
  { id: 'conditional', label: '', supports: true },
  { id: 'concern', label: '', supports: false },
  { id: 'oppose', label: '', supports: false },
];
/** Fist of five: 5 (full support) to 0 (block); 3 and above count as support. */
export const FIST_OF_FIVE_SCALE: ScaleChoice[] = ['5', '4', '3', '2', '1', '0'].map((id) => ({ id, label: id, supports: Number(id) >= 3 }));

/** `poll:open`: an agreement poll on the top items. */
export const pollOpenSchema = z.object({
  room,
  itemIds: z.array(itemId).min(1).max(30),
  scale: z.union([z.enum(['agreement', 'fist-of-five']), z.array(scaleChoiceSchema).min(2).max(10)]).default('agreement'),
  title: z.string().trim().max(120).default(''),
});
/** `poll:answer`: one item's answer, with an optional reason; answering again replaces it. */
export const pollAnswerSchema = z.object({ pollId: voteId, itemId, choice: z.string().min(1).max(40), reason: z.string().trim().max(500).default('') });
export const pollRefSchema = z.object({ pollId: voteId });

const source = z.object({ room, kind: z.enum(['card', 'group']), id: itemId, label: z.string().max(1000).default('') });
const decisionFields = { text: z.string().trim().min(1).max(2000), sources: z.array(source).max(50) };
/** `POST /api/sessions/:id/decisions`. */
export const decisionSchema = z.object({ ...decisionFields, sources: decisionFields.sources.default([]) });
/** `PATCH /api/sessions/:id/decisions/:decisionId`: only the fields sent change. */
export const decisionPatchSchema = z.object(decisionFields).partial();

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'on_hold'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
const actionFields = {
  title: z.string().trim().min(1).max(500),
  decisionId: z.string().max(100).nullable(),
  ownerOrganization: z.string().trim().max(120),
  ownerPerson: z.string().trim().max(80),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  status: z.enum(ACTION_STATUSES),
};
/** `POST /api/sessions/:id/actions`. */
export const actionSchema = z.object({
  ...actionFields,
  decisionId: actionFields.decisionId.default(null),
  ownerOrganization: actionFields.ownerOrganization.default(''),
  ownerPerson: actionFields.ownerPerson.default(''),
  dueDate: actionFields.dueDate.default(null),
  status: actionFields.status.default('not_started'),
});
/** `PATCH /api/sessions/:id/actions/:actionId`: only the fields sent change. */
export const actionPatchSchema = z.object(actionFields).partial();

/**
 * An item of a vote or poll as it was when opened. `room` and `table` name the board it came
 * from (a plenary vote takes items from every table); `cards` are the texts of a group's cards,
 * so people at another table see what the group holds, not only its title.
 */
export const ballotItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['card', 'group']),
  room: z.string().optional(),
  table: z.string().optional(),
  cards: z.array(z.string()).optional(),
});
export type BallotItem = z.infer<typeof ballotItemSchema>;

const ballotStatus = z.enum(['open', 'closed', 'revealed']);

/** What a participant's phone needs to show a vote: its items, budget and their own dots. */
export const voteViewSchema = z.object({
  voteId: z.string(),
  room: z.string(),
  title: z.string(),
  items: z.array(ballotItemSchema),
  dotsPerPerson: z.number().int(),
  maxPerItem: z.number().int(),
  anonymous: z.boolean(),
  status: ballotStatus,
  /** The caller's own dots by item id (never anyone else's). */
  mine: z.record(z.string(), z.number().int()),
  remaining: z.number().int(),
});
export type VoteView = z.infer<typeof voteViewSchema>;

/** `vote:state`: while open or closed, only how many people voted; once revealed, the results. */
export const voteStateSchema = z.discriminatedUnion('status', [
  z.object({ voteId: z.string(), status: z.enum(['open', 'closed']), voters: z.number().int() }),
  z.object({
    voteId: z.string(),
    status: z.literal('revealed'),
    voters: z.number().int(),
    results: z.array(
      z.object({
        itemId: z.string(),
        dots: z.number().int(),
        label: z.string(),
        /** The board the item came from, for a plenary vote across tables. */
        table: z.string().optional(),
        voters: z.number().int(),
        /** Only for a vote opened with `anonymous: false`. */
        by: z.array(z.object({ displayName: z.string(), organizationType: z.string(), dots: z.number().int() })).optional(),
      }),
    ),
  }),
]);
export type VoteState = z.infer<typeof voteStateSchema>;

/** A poll for the caller's screen, with only the caller's own answers. */
export const pollViewSchema = z.object({
  pollId: z.string(),
  room: z.string(),
  title: z.string(),
  items: z.array(ballotItemSchema),
  scale: z.array(scaleChoiceSchema),
  status: ballotStatus,
  mine: z.record(z.string(), z.object({ choice: z.string(), reason: z.string() })),
});
export type PollView = z.infer<typeof pollViewSchema>;

/** How the answers to one choice split, as counts and percentages (one decimal). */
export const distributionSchema = z.object({
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  percent: z.record(z.string(), z.number()),
  /** Share of answers whose choice supports, in percent (one decimal). */
  supportPercent: z.number(),
});
export type Distribution = z.infer<typeof distributionSchema>;

/** `poll:state`: while open, only how many people answered; once revealed, the sector view. */
export const pollStateSchema = z.discriminatedUnion('status', [
  z.object({ pollId: z.string(), status: z.enum(['open', 'closed']), respondents: z.number().int() }),
  z.object({
    pollId: z.string(),
    status: z.literal('revealed'),
    respondents: z.number().int(),
    scale: z.array(scaleChoiceSchema),
    results: z.array(
      z.object({
        itemId: z.string(),
        label: z.string(),
        overall: distributionSchema,
        byOrganizationType: z.record(z.string(), distributionSchema),
        /** Sectors too small to show (少数のため非表示): listed, never counted; see docs/api.md. */
        withheldOrganizationTypes: z.array(z.string()).default([]),
        /** `shared`: every sector's majority supports; `diverge`: sectors 50+ points apart; else `mixed`. */
        consensus: z.enum(['shared', 'diverge', 'mixed']),
        reasons: z.array(z.object({ organizationType: z.string(), choice: z.string(), text: z.string() })),
      }),
    ),
  }),
]);
export type PollState = z.infer<typeof pollStateSchema>;

/** `POST /api/sessions/:id/group-suggestions`: suggest groups among one board's visible cards. */
export const groupSuggestionsSchema = z.object({ room });

/** `board:rollup`: every table's visible cards by journey stage, for the share-out on the main board. */
export const rollupSchema = z.object({
  tables: z.array(
    z.object({
      room: z.string(),
      name: z.string(),
      stages: z.array(
        z.object({
          /** null: cards on no stage (or on a stage the table no longer has). */
          stageId: z.string().nullable(),
          title: z.string(),
          cards: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string(), groupId: z.string().optional() })),
        }),
      ),
      groups: z.array(z.object({ id: z.string(), title: z.string(), cardIds: z.array(z.string()) })),
    }),
  ),
});
export type Rollup = z.infer<typeof rollupSchema>;

/** A decision's source: the card or group it came from, with the label it had. */
export const sourceRefSchema = z.object({ room: z.string(), kind: z.enum(['card', 'group']), id: z.string(), label: z.string() });
/** A decision (合意事項) with the cards or groups it came from. */
export const decisionViewSchema = z.object({ id: z.string(), text: z.string(), sources: z.array(sourceRefSchema), createdAt: z.string(), updatedAt: z.string() });
/** A follow-up action: what, who (organisation and person), by when, how far along. */
export const actionViewSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  decisionId: z.string().nullable(),
  title: z.string(),
  ownerOrganization: z.string(),
  ownerPerson: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** `outcome:state`: a session's decisions and follow-up actions. */
export const outcomeViewSchema = z.object({ sessionId: z.string(), decisions: z.array(decisionViewSchema), actions: z.array(actionViewSchema) });
