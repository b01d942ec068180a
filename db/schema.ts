import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the database. Tables plural snake_case; see db/migrations for the DDL. */
export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  sessions: SessionsTable;
  boards: BoardsTable;
  participants: ParticipantsTable;
  access_tokens: AccessTokensTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  audit_log: AuditLogTable;
  templates: TemplatesTable;
  votes: VotesTable;
  vote_dots: VoteDotsTable;
  polls: PollsTable;
  poll_answers: PollAnswersTable;
  decisions: DecisionsTable;
  actions: ActionsTable;
  survey_responses: SurveyResponsesTable;
  archived_boards: ArchivedBoardsTable;
  archived_cards: ArchivedCardsTable;
  archived_groups: ArchivedGroupsTable;
  action_notes: ActionNotesTable;
  session_search: SessionSearchTable;
  organization_types: OrganizationTypesTable;
  search_entries: SearchEntriesTable;
  search_variants: SearchVariantsTable;
  action_changes: ActionChangesTable;
  password_links: PasswordLinksTable;
  card_reactions: CardReactionsTable;
  spaces: SpacesTable;
  space_members: SpaceMembersTable;
  space_organization_types: SpaceOrganizationTypesTable;
  organizations: OrganizationsTable;
  resources: ResourcesTable;
  directory_terms: DirectoryTermsTable;
  update_links: UpdateLinksTable;
  directory_changes: DirectoryChangesTable;
}

/** 共感 (+1): one row per person and card. */
export interface CardReactionsTable {
  room: string;
  card_id: string;
  /** The participant id, or `user:<id>` for an account. */
  author_id: string;
  session_id: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: 'admin' | 'secretariat' | 'facilitator';
  created_at: string;
  /** When the admin disabled the account (it cannot sign in); null: enabled. */
  disabled_at: Generated<string | null>;
  last_login_at: Generated<string | null>;
}

export interface AuthSessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface SessionsTable {
  id: string;
  title: string;
  template: string;
  join_code: string;
  status: 'open' | 'closed';
  created_by: string;
  created_at: string;
  theme: Generated<string>;
  table_mode: Generated<'none' | 'choose' | 'assign'>;
  /** JSON: Phase[]. */
  phases: Generated<string>;
  /** JSON: the stored part of the control state. */
  control: Generated<string>;
  /** JSON: SurveyQuestion[]; empty means the standard closing survey. */
  survey: Generated<string>;
  venue: Generated<string>;
  /** The day the session was held (YYYY-MM-DD); the creation day when unset. */
  held_on: string | null;
  /** The working group (作業部会) a session belongs to, for "since last time". */
  series: Generated<string>;
  closed_at: string | null;
  /** How many identities may join (the facilitator sets it). */
  participant_cap: Generated<number>;
  /** Paper survey sheets handed out; null: as many as paper answers were entered. */
  paper_survey_sheets: Generated<number | null>;
  /** The space (initiative) the session belongs to. */
  space_id: string;
}

export interface BoardsTable {
  room: string;
  session_id: string;
  name_key: string;
  position: number;
  name: string | null;
  kind: Generated<'main' | 'table'>;
  theme: Generated<string>;
}

export interface ParticipantsTable {
  id: string;
  session_id: string;
  display_name: string;
  organization_type: string;
  anonymous: number;
  created_at: string;
  room: string | null;
  scribe: Generated<number>;
  proxy: Generated<number>;
}

export interface AccessTokensTable {
  token_hash: string;
  session_id: string;
  role: 'participant' | 'facilitator' | 'observer';
  participant_id: string | null;
  user_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** Public id of the token (observer links are listed and revoked by it). */
  link_id: string | null;
  /** Hash of the login a facilitator token was issued under (logout revokes it). */
  login_hash: string | null;
}

export interface DocUpdatesTable {
  id: Generated<number>;
  room: string;
  data: ColumnType<Uint8Array, Uint8Array, never>;
  created_at: string;
}

export interface DocSnapshotsTable {
  room: string;
  data: Uint8Array;
  last_update_id: number;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: string | null;
  actor_participant_id: string | null;
  action: string;
  session_id: string | null;
  target: string | null;
  detail: string;
}

export interface TemplatesTable {
  id: string;
  name: string;
  created_by: string;
  created_at: string;
  /** JSON: SessionTemplate without id and name. */
  definition: string;
  /** The account that keeps it; null: nobody (then it is shared). */
  owner_id: string | null;
  /** 1: every facilitator may use it; 0: only its owner (and admins, the secretariat). */
  shared: Generated<number>;
  /** The space it belongs to; null: installation-wide. */
  space_id: string | null;
}

export interface VotesTable {
  id: string;
  session_id: string;
  room: string;
  title: string;
  /** JSON: [{ id, label, kind }], the items as they were when the vote opened. */
  items: string;
  dots_per_person: number;
  max_per_item: number;
  anonymous: number;
  status: 'open' | 'closed' | 'revealed';
  created_at: string;
  revealed_at: string | null;
}

export interface VoteDotsTable {
  vote_id: string;
  participant_id: string;
  item_id: string;
  dots: number;
}

export interface PollsTable {
  id: string;
  session_id: string;
  room: string;
  title: string;
  /** JSON: [{ id, label, kind }]. */
  items: string;
  /** JSON: [{ id, label, supports }]. */
  scale: string;
  status: 'open' | 'closed' | 'revealed';
  created_at: string;
  revealed_at: string | null;
}

export interface PollAnswersTable {
  poll_id: string;
  participant_id: string;
  item_id: string;
  choice: string;
  reason: Generated<string>;
  answered_at: string;
}

export interface DecisionsTable {
  id: string;
  session_id: string;
  text: string;
  /** JSON: [{ room, kind: 'card' | 'group', id, label }]. */
  sources: Generated<string>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActionsTable {
  id: string;
  session_id: string;
  decision_id: string | null;
  title: string;
  owner_organization: Generated<string>;
  owner_person: Generated<string>;
  due_date: string | null;
  status: Generated<'not_started' | 'in_progress' | 'done' | 'on_hold'>;
  created_at: string;
  updated_at: string;
}

export interface SurveyResponsesTable {
  session_id: string;
  participant_id: string;
  /** JSON: { [questionId]: choice id or text }. */
  answers: string;
  submitted_at: string;
}

export interface ArchivedBoardsTable {
  session_id: string;
  room: string;
  name: string;
  kind: string;
  theme: string;
  /** JSON: Persona. */
  persona: string;
  /** JSON: Stage[]. */
  stages: string;
  position: number;
}

export interface ArchivedCardsTable {
  session_id: string;
  room: string;
  card_id: string;
  kind: string;
  text: string;
  stage_id: string | null;
  group_id: string | null;
  author_id: string;
  author_name: string;
  organization_type: string;
  created_at: string;
  /** 1: the facilitator hid the card (left out of the report, kept for its moderation section). */
  hidden: Generated<number>;
}

export interface ArchivedGroupsTable {
  session_id: string;
  room: string;
  group_id: string;
  title: string;
  stage_id: string | null;
}

export interface ActionNotesTable {
  id: string;
  action_id: string;
  note: string;
  author_user_id: string | null;
  created_at: string;
}

/** FTS5 (trigram) index of archived session text. */
export interface SessionSearchTable {
  session_id: string;
  source: string;
  text: string;
}

/** The organisation types participants pick from; ids stable, retired ones kept for past figures. */
export interface OrganizationTypesTable {
  id: string;
  label_ja: string;
  label_en: string;
  /** Display order, ascending. */
  position: number;
  /** When the admin retired it (no longer offered); null while offered. */
  retired_at: string | null;
  created_at: string;
}

/** Card-level search: one row per searchable text of an archived session (see migration 041). */
export interface SearchEntriesTable {
  session_id: string;
  /** 'card' | 'group' | 'prep' | 'title'. */
  source: string;
  ref_id: string;
  room: string;
  /** The card's kind; '' for other sources. */
  kind: string;
  hidden: number;
  text: string;
  /** NFKC, lower case, katakana as hiragana: what queries are matched against. */
  folded: string;
}

/** Spelling variants searched as one: the terms of a group share `group_position`. */
export interface SearchVariantsTable {
  group_position: number;
  term: string;
}

/** One change of a follow-up action's field (status, owner, due date …). */
export interface ActionChangesTable {
  id: string;
  action_id: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
  actor_user_id: string | null;
  actor_name: Generated<string>;
  at: string;
}

/** A one-time set-password link, stored as a hash of its token. */
export interface PasswordLinksTable {
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One initiative on the installation (see migration 080). */
export interface SpacesTable {
  id: string;
  name: string;
  /** JSON: SpaceSettings (membership kinds in use, survey defaults). */
  settings: string;
  created_at: string;
  created_by: string | null;
}

/** Who works in a space, and as what. */
export interface SpaceMembersTable {
  space_id: string;
  user_id: string;
  role: 'secretariat' | 'facilitator';
}

/**
 * A space's change to the installation's organisation types: one retired, one of its own added,
 * or one of its own taken off the list (`dropped`: not offered, its label kept for past figures).
 */
export interface SpaceOrganizationTypesTable {
  space_id: string;
  type_id: string;
  change: 'added' | 'retired' | 'dropped';
  /** Labels and order of an own type; null for a retirement. */
  label_ja: string | null;
  label_en: string | null;
  position: number | null;
  created_at: string;
}

/** A member organisation of a space (see migration 081). */
export interface OrganizationsTable {
  id: string;
  space_id: string;
  name: string;
  kana: Generated<string>;
  /** 'relation' | 'partner' | 'council' | 'none' (関係会員, パートナー会員, 協議会員, なし). */
  membership: string;
  organization_type: string;
  /** JSON: district term ids. */
  districts: Generated<string>;
  contact_name: Generated<string>;
  email: Generated<string>;
  phone: Generated<string>;
  url: Generated<string>;
  joined_on: string | null;
  status: Generated<string>;
  created_at: string;
  updated_at: string;
}

/** A social resource (社会資源) an organisation offers; HSDS service, location and schedule in one row. */
export interface ResourcesTable {
  id: string;
  space_id: string;
  organization_id: string;
  name: string;
  description: Generated<string>;
  /** JSON: term ids of the space's categories, audiences, districts. */
  categories: Generated<string>;
  audiences: Generated<string>;
  districts: Generated<string>;
  address: Generated<string>;
  latitude: number | null;
  longitude: number | null;
  /** An RFC 5545 RRULE (without the `RRULE:` prefix); null: no regular schedule. */
  schedule_rrule: string | null;
  opens_at: string | null;
  closes_at: string | null;
  fees: Generated<string>;
  capacity: number | null;
  how_to_apply: Generated<string>;
  contact: Generated<string>;
  /** 'active' | 'paused' | 'ended'. */
  status: Generated<string>;
  published: Generated<number>;
  last_confirmed_on: string | null;
  created_at: string;
  updated_at: string;
}

/** A term of a space's directory taxonomy (facet: categories, audiences, districts). */
export interface DirectoryTermsTable {
  space_id: string;
  facet: string;
  id: string;
  label: string;
  position: number;
  retired_at: string | null;
}

/** A personal update link of an organisation, stored as a hash of its token. */
export interface UpdateLinksTable {
  id: string;
  token_hash: string;
  organization_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** One field's change of an organisation or resource. */
export interface DirectoryChangesTable {
  id: string;
  space_id: string;
  entity: 'organization' | 'resource';
  entity_id: string;
  organization_id: string;
  field: string;
  before_value: string | null;
  after_value: string | null;
  /** `user:<account id>` or `link:<organisation id>`. */
  actor: string;
  actor_name: Generated<string>;
  at: string;
}
