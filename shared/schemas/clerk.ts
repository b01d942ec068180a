import { z } from 'zod';
import type { RegisterEntry, StatsView } from './reports';
import { spaceIdSchema } from './spaces';

const email = z.string().trim().toLowerCase().email().max(200);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Where a search hit was found. */
export const SEARCH_SOURCES = ['card', 'group', 'prep', 'title', 'decision', 'action', 'owner', 'note'] as const;
export type SearchSource = (typeof SEARCH_SOURCES)[number];

/** `GET /api/search`: what the clerk typed, optionally only one source and a date range (held on). */
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  source: z.enum(SEARCH_SOURCES).optional(),
  from: date.optional(),
  to: date.optional(),
  /** Only this space (default: every space the caller works in). */
  spaceId: spaceIdSchema.optional(),
});

/** One hit: the text as written, the ranges to mark (UTF-16 offsets, end exclusive), its session. */
export interface SearchHit {
  source: SearchSource;
  /** The card's kind (issue, idea …); null for other sources. */
  kind: string | null;
  text: string;
  highlights: Array<[number, number]>;
  sessionId: string;
  sessionTitle: string;
  sessionHeldOn: string;
  /** The card, group, decision or action id. */
  refId: string;
  /** Where the session's report opens in the app. */
  reportPath: string;
}

/** `GET /api/search` answer: the folded spellings searched (variants included), and the hits. */
export interface SearchView {
  query: string;
  spellings: string[];
  hits: SearchHit[];
  /** True when there were more hits than shown. */
  truncated: boolean;
}

/** `PUT /api/search/variants`: the whole list of spelling groups (each 2–10 terms). */
export const variantGroupsSchema = z.object({
  groups: z
    .array(z.array(z.string().trim().min(1).max(40)).min(2).max(10))
    .max(200)
    .refine((groups) => groups.every((g) => new Set(g).size === g.length), 'a group names each spelling once'),
});
export type VariantGroupsInput = z.infer<typeof variantGroupsSchema>;

/** One change of an action field: who, when, from → to. */
export interface ActionChange {
  field: 'status' | 'dueDate' | 'ownerPerson' | 'ownerOrganization' | 'title';
  from: string | null;
  to: string | null;
  by: string;
  at: string;
}

/** A register row with its history. */
export type RegisterRow = RegisterEntry & { history: ActionChange[] };

/** What changed in an action since the previous session: the field changes and new notes. */
export interface SinceLastChanges {
  changes: ActionChange[];
  newNotes: number;
}

/** `GET /api/stats` query: a fiscal year (年度 2026 = 2026-04-01 … 2027-03-31). */
/** `?spaceId=`: a list narrowed to one of the caller's spaces. */
export const spaceQuerySchema = z.object({ spaceId: spaceIdSchema.optional() });

export const statsQuerySchema = z.object({ fiscalYear: z.string().regex(/^\d{4}$/).optional(), spaceId: spaceIdSchema.optional() });

/** The figures tables exported as CSV, `GET /api/stats/export/<table>.csv`: a fixed list. */
export const STATS_TABLES = ['sessions', 'organization-types'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

/** Figures across sessions with the fiscal year, distinct people and per-type totals. */
export type FiguresView = StatsView & {
  fiscalYear: number | null;
  /** The fiscal years that have sessions, newest first. */
  fiscalYears: number[];
  byOrganizationType: Record<string, number>;
  /**
   * 実人数: distinct (display name, organisation type) over the sessions whose names are kept;
   * anonymous and erased names cannot be told apart, so they are counted as in `unidentified`.
   */
  distinct: { people: number; identified: number; unidentified: number };
};

/** `POST /api/users`: an account; without a password, a one-time set-password link is made. */
export const createAccountSchema = z.object({
  email,
  displayName: z.string().trim().min(1).max(80),
  role: z.enum(['admin', 'secretariat', 'facilitator']).default('facilitator'),
  password: z.string().min(8).max(200).optional(),
  /** Appoint the new account in this space with its role (default: the only space, when there is one). */
  spaceId: spaceIdSchema.optional(),
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

/** `PATCH /api/users/:id`: disable or enable an account. */
export const accountPatchSchema = z.object({ disabled: z.boolean() });

/** `PUT /api/auth/password`: the signed-in user changes their own password. */
export const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });

/** `POST /api/password-links/:token`: the password the person sets. */
export const setPasswordSchema = z.object({ password: z.string().min(1).max(200) });

/** A set-password link's token in a path. */
export const passwordLinkParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'a link token is letters, digits, - and _') });

/** An account in the admin's list. */
export interface AccountListEntry {
  id: string;
  email: string;
  displayName: string;
  role: 'admin' | 'secretariat' | 'facilitator';
  createdAt: string;
  lastLoginAt: string | null;
  disabled: boolean;
  /** Waiting for the person to set a password through their link. */
  passwordPending: boolean;
}

/** A set-password link, shown once to the admin who made it. */
export interface PasswordLinkView {
  url: string;
  expiresAt: string;
}
