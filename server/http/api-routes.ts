import type { RequestHandler } from 'express';
import { match } from 'path-to-regexp';
import { z, type ZodObject, type ZodType } from 'zod';
import {
  archiveQuerySchema,
  auditQuerySchema,
  createSessionSchema,
  EXPORT_KINDS,
  idParam,
  joinCodeParams,
  joinSchema,
  loginSchema,
  progressNoteSchema,
  registerQuerySchema,
  seatSchema,
  setupSchema,
  templatePatchSchema,
} from '../../shared/schemas/api';
import { actionPatchSchema, actionSchema, decisionPatchSchema, decisionSchema, groupSuggestionsSchema } from '../../shared/schemas/consensus';
import { phasesSchema, proxyParticipantSchema, saveTemplateSchema, sessionPatchSchema, tablesSchema } from '../../shared/schemas/control';
import { organizationTypeCreateSchema, organizationTypeIdSchema, organizationTypePatchSchema } from '../../shared/organization-types';
import { surveyAnswersSchema, surveySchema } from '../../shared/survey';
import { paperAnswerSchema, paperSheetsSchema } from '../../shared/schemas/reports';
import {
  accountPatchSchema,
  createAccountSchema,
  passwordChangeSchema,
  passwordLinkParams,
  searchQuerySchema,
  setPasswordSchema,
  spaceQuerySchema,
  STATS_TABLES,
  statsQuerySchema,
  variantGroupsSchema,
} from '../../shared/schemas/clerk';
import { createSpaceSchema, patchSpaceSchema, spaceIdSchema, spaceMembersSchema } from '../../shared/schemas/spaces';
import {
  directoryQuerySchema,
  updateLinksBatchSchema,
  importQuerySchema,
  linkOrganizationPatchSchema,
  organizationCreateSchema,
  organizationPatchSchema,
  resourceCreateSchema,
  resourcePatchSchema,
  TAXONOMY_FACETS,
  taxonomyPutSchema,
  updateLinkCreateSchema,
  updateLinkParams,
} from '../../shared/schemas/directory';
import { spaceIdSchema as directorySpaceId } from '../../shared/schemas/spaces';
import { HSDS_TABLES } from '../services/hsds.service';
import { AppError, describeIssues } from '../errors';
import { sessionExportSchema } from '../services/session-transfer.service';
import { decodeComponent } from './url';

/** Who may call a route: anyone, a signed-in account (login cookie), or a session token (Bearer). */
export type RouteAuth = 'none' | 'login' | 'token';

/** One REST route as integrators see it: the OpenAPI document and the param check read this. */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax, from the root: `/api/sessions/:id`. */
  path: string;
  summary: string;
  auth: RouteAuth;
  /** Every `:name` of the path, each a bounded string (or a fixed list for route keys). */
  params?: ZodObject;
  query?: ZodObject;
  body?: ZodType;
  /** The success status and what it returns, in a few words. */
  ok: { status: number; description: string; type?: 'json' | 'csv' | 'markdown' | 'svg' | 'none' };
}

const session = z.object({ id: idParam });
const spaceParams = z.object({ id: spaceIdSchema });
const sessionItem = z.object({ id: idParam, itemId: idParam });
const inSpace = z.object({ id: directorySpaceId });
const sessionParticipant = z.object({ id: idParam, participantId: idParam });
const json = (status: number, description: string) => ({ status, description, type: 'json' as const });
const none = { status: 204, description: 'done, no body', type: 'none' as const };

/**
 * Every REST route, in one place. A route registered in express but missing here fails
 * `tests/integration/openapi.test.ts`, which names it; see docs/api.md "Adding a route".
 */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'get', path: '/api/setup', summary: 'Whether the first-visit set-up is still needed', auth: 'none', ok: json(200, '{ needed }') },
  { method: 'post', path: '/api/setup', summary: 'Create the first admin account and sign in', auth: 'none', body: setupSchema, ok: json(201, 'the account; sets the login cookie') },
  { method: 'post', path: '/api/auth/login', summary: 'Sign in', auth: 'none', body: loginSchema, ok: json(200, 'the account; sets the httpOnly login cookie') },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out', auth: 'none', ok: none },
  { method: 'get', path: '/api/auth/me', summary: 'The signed-in account', auth: 'login', ok: json(200, '{ id, displayName, role }') },
  { method: 'get', path: '/api/users', summary: 'Accounts (admin)', auth: 'login', ok: json(200, 'accounts') },
  { method: 'post', path: '/api/users', summary: 'Add a facilitator, secretariat or admin account (admin); without a password, with a one-time set-password link', auth: 'login', body: createAccountSchema, ok: json(201, 'the account, and { setPasswordLink: { url, expiresAt } } when no password was given') },
  { method: 'patch', path: '/api/users/:id', summary: 'Disable or enable an account (admin); disabling ends its logins and revokes its tokens', auth: 'login', params: session, body: accountPatchSchema, ok: json(200, 'the account as listed') },
  { method: 'post', path: '/api/users/:id/password-link', summary: 'A new one-time set-password link for an account (admin), valid 72 h', auth: 'login', params: session, ok: json(201, '{ url, expiresAt }') },
  { method: 'put', path: '/api/auth/password', summary: 'Change one’s own password (the current one required)', auth: 'login', body: passwordChangeSchema, ok: none },
  { method: 'get', path: '/api/password-links/:token', summary: 'Whose account a set-password link is for (410 once used or expired)', auth: 'none', params: passwordLinkParams, ok: json(200, '{ email, displayName, expiresAt }') },
  { method: 'post', path: '/api/password-links/:token', summary: 'Set the password through a one-time link', auth: 'none', params: passwordLinkParams, body: setPasswordSchema, ok: none },
  { method: 'get', path: '/api/audit', summary: 'The audit log (admin), optionally of one session', auth: 'login', query: auditQuerySchema, ok: json(200, 'audit rows, newest first') },

  { method: 'get', path: '/api/organization-types', summary: 'Organisation types the join page offers', auth: 'none', ok: json(200, '[{ id, label }] in the request language') },
  { method: 'get', path: '/api/organization-types/all', summary: 'Every organisation type, retired ones too, with both labels (past figures name their types by these)', auth: 'login', ok: json(200, '[{ id, label, labelJa, labelEn, retired, position }]') },
  { method: 'post', path: '/api/organization-types', summary: 'Add an organisation type (admin); offered at once, before その他', auth: 'login', body: organizationTypeCreateSchema, ok: json(201, 'the type') },
  { method: 'patch', path: '/api/organization-types/:id', summary: 'Rename an organisation type or retire it (admin); its id and past figures stay', auth: 'login', params: z.object({ id: organizationTypeIdSchema }), body: organizationTypePatchSchema, ok: json(200, 'the type') },
  { method: 'post', path: '/api/join', summary: 'Join a session with its six-digit code', auth: 'none', body: joinSchema, ok: json(201, '{ sessionId, participantId, token, boards, … }') },
  { method: 'get', path: '/api/join/:code', summary: 'What a join code leads to, before joining (rate-limited like joins)', auth: 'none', params: joinCodeParams, ok: json(200, '{ title, venue, heldOn, status }') },
  { method: 'get', path: '/api/join/:code/organization-types', summary: "The organisation types this session's join page offers: its space's list (rate-limited like joins)", auth: 'none', params: joinCodeParams, ok: json(200, '[{ id, label }] in the request language') },
  { method: 'get', path: '/api/me', summary: "The token holder's place in the session", auth: 'token', ok: json(200, 'access view') },
  { method: 'get', path: '/api/me/organization-types', summary: "The own organisation types of the session's space (dropped ones too), to name cards' types beside GET /api/organization-types", auth: 'token', ok: json(200, '[{ id, label }] in the request language') },
  { method: 'get', path: '/api/sessions/:id/survey', summary: 'The closing survey and the caller’s answers', auth: 'token', params: session, ok: json(200, '{ questions, open, answers }') },
  { method: 'post', path: '/api/sessions/:id/survey', summary: 'Answer the closing survey', auth: 'token', params: session, body: surveyAnswersSchema, ok: none },

  { method: 'get', path: '/api/templates', summary: 'Session templates the caller may use', auth: 'login', ok: json(200, 'templates') },
  { method: 'post', path: '/api/templates', summary: 'Save a session as a template (private to its creator until shared)', auth: 'login', body: saveTemplateSchema, ok: json(201, 'the template') },
  { method: 'get', path: '/api/templates/:id', summary: 'One template (another facilitator’s private one is 404)', auth: 'login', params: session, ok: json(200, 'the template') },
  { method: 'patch', path: '/api/templates/:id', summary: 'Share a saved template with every facilitator, or make it private (its owner)', auth: 'login', params: session, body: templatePatchSchema, ok: json(200, 'the template') },
  { method: 'post', path: '/api/sessions', summary: 'Create a session from a template', auth: 'login', body: createSessionSchema, ok: json(201, '{ id, joinCode, joinUrl, boards, … }') },
  { method: 'get', path: '/api/sessions', summary: 'Sessions the caller manages, in their spaces (optionally ?spaceId=)', auth: 'login', query: spaceQuerySchema, ok: json(200, 'session views') },
  { method: 'get', path: '/api/sessions/:id', summary: 'One session', auth: 'login', params: session, ok: json(200, 'session view') },
  { method: 'patch', path: '/api/sessions/:id', summary: 'Change title, theme, venue, date, series or participant cap (an empty patch changes nothing)', auth: 'login', params: session, body: sessionPatchSchema, ok: json(200, 'session view') },
  { method: 'put', path: '/api/sessions/:id/phases', summary: 'Replace the programme', auth: 'login', params: session, body: phasesSchema, ok: json(200, 'session view') },
  { method: 'put', path: '/api/sessions/:id/tables', summary: 'Set the breakout tables', auth: 'login', params: session, body: tablesSchema, ok: json(200, 'session view') },
  { method: 'post', path: '/api/sessions/:id/group-suggestions', summary: 'Suggest groups among a board’s ungrouped cards (Japanese words, docs/suggestions.md)', auth: 'login', params: session, body: groupSuggestionsSchema, ok: json(200, '{ suggestions: [{ cardIds, title }] }') },
  { method: 'post', path: '/api/sessions/:id/tables/copy-prep', summary: 'Copy persona and journey to every table', auth: 'login', params: session, ok: json(200, '{ tables }') },
  { method: 'get', path: '/api/sessions/:id/token', summary: "A token for the facilitator's own sockets", auth: 'login', params: session, ok: json(200, '{ token }') },
  { method: 'post', path: '/api/sessions/:id/observer-link', summary: 'A read-only projector link', auth: 'login', params: session, ok: json(201, '{ id, url, token }') },
  { method: 'get', path: '/api/sessions/:id/observer-links', summary: 'The projector links of a session (never their tokens)', auth: 'login', params: session, ok: json(200, '[{ id, createdAt, expiresAt, revoked }]') },
  { method: 'delete', path: '/api/sessions/:id/observer-links/:linkId', summary: 'Revoke a projector link; its screens disconnect at once', auth: 'login', params: z.object({ id: idParam, linkId: idParam }), ok: none },
  { method: 'get', path: '/api/sessions/:id/qr.svg', summary: 'The join QR code', auth: 'login', params: session, ok: { status: 200, description: 'SVG image', type: 'svg' } },
  { method: 'get', path: '/api/sessions/:id/participants', summary: 'Participants of a session', auth: 'login', params: session, ok: json(200, 'participants') },
  { method: 'get', path: '/api/sessions/:id/joins', summary: 'How fast people join: total, cap, last minute, each of the last ten minutes', auth: 'login', params: session, ok: json(200, '{ total, cap, lastMinute, perMinute }') },
  { method: 'post', path: '/api/sessions/:id/participants', summary: 'Add someone without a phone', auth: 'login', params: session, body: proxyParticipantSchema, ok: json(201, 'the participant') },
  { method: 'put', path: '/api/sessions/:id/participants/:participantId/table', summary: 'Seat a participant at a table', auth: 'login', params: sessionParticipant, body: seatSchema, ok: none },
  { method: 'delete', path: '/api/sessions/:id/participants/:participantId', summary: 'Remove a participant (their dots and answers go too)', auth: 'login', params: sessionParticipant, ok: none },

  { method: 'get', path: '/api/sessions/:id/outcome', summary: 'Decisions and follow-up actions', auth: 'login', params: session, ok: json(200, '{ sessionId, decisions, actions }') },
  { method: 'post', path: '/api/sessions/:id/decisions', summary: 'Record a decision', auth: 'login', params: session, body: decisionSchema, ok: json(201, 'the decision') },
  { method: 'patch', path: '/api/sessions/:id/decisions/:itemId', summary: 'Edit a decision', auth: 'login', params: sessionItem, body: decisionPatchSchema, ok: json(200, 'the decision') },
  { method: 'delete', path: '/api/sessions/:id/decisions/:itemId', summary: 'Delete a decision', auth: 'login', params: sessionItem, ok: none },
  { method: 'post', path: '/api/sessions/:id/actions', summary: 'Record a follow-up action', auth: 'login', params: session, body: actionSchema, ok: json(201, 'the action') },
  { method: 'patch', path: '/api/sessions/:id/actions/:itemId', summary: 'Edit a follow-up action', auth: 'login', params: sessionItem, body: actionPatchSchema, ok: json(200, 'the action') },
  { method: 'delete', path: '/api/sessions/:id/actions/:itemId', summary: 'Delete a follow-up action', auth: 'login', params: sessionItem, ok: none },

  { method: 'post', path: '/api/sessions/import', summary: 'Import a session export as a new session (up to 50 MB), into ?spaceId= or the caller’s first space', auth: 'login', query: spaceQuerySchema, body: sessionExportSchema, ok: json(201, '{ id }') },
  { method: 'post', path: '/api/sessions/:id/close', summary: 'Close a session and archive it', auth: 'login', params: session, ok: none },
  { method: 'post', path: '/api/sessions/:id/reopen', summary: 'Reopen a closed session', auth: 'login', params: session, ok: none },
  { method: 'get', path: '/api/sessions/:id/survey/questions', summary: 'The survey editor: the questions (the standard ones until edited) and which already have answers', auth: 'login', params: session, ok: json(200, '{ questions, theme, standard, answeredQuestionIds, responses }') },
  { method: 'put', path: '/api/sessions/:id/survey', summary: 'Set the closing survey (a question with answers keeps its wording: 409)', auth: 'login', params: session, body: surveySchema, ok: json(200, 'the survey') },
  { method: 'get', path: '/api/sessions/:id/report', summary: 'The session report (事業報告)', auth: 'login', params: session, ok: json(200, 'report') },
  { method: 'post', path: '/api/sessions/:id/survey/paper', summary: 'Enter one paper survey answer sheet (counted as 紙)', auth: 'login', params: session, body: paperAnswerSchema, ok: json(201, '{ id }') },
  { method: 'delete', path: '/api/sessions/:id/survey/paper/:itemId', summary: 'Take back a paper survey answer', auth: 'login', params: sessionItem, ok: none },
  { method: 'put', path: '/api/sessions/:id/survey/paper-sheets', summary: 'Paper survey sheets handed out (null: as many as entered)', auth: 'login', params: session, body: paperSheetsSchema, ok: json(200, '{ handedOut }') },
  { method: 'get', path: '/api/sessions/:id/export.md', summary: 'The report as Markdown', auth: 'login', params: session, ok: { status: 200, description: 'Markdown file', type: 'markdown' } },
  {
    method: 'get',
    path: '/api/sessions/:id/export/:kind.csv',
    summary: 'Cards, actions, survey or agreement figures as CSV (UTF-8 with BOM, formulas neutralised)',
    auth: 'login',
    params: z.object({ id: idParam, kind: z.enum(EXPORT_KINDS) }),
    ok: { status: 200, description: 'CSV file', type: 'csv' },
  },
  { method: 'get', path: '/api/sessions/:id/export.json', summary: 'The whole session as importable JSON (no ballots before reveal, no ids on answers)', auth: 'login', params: session, ok: json(200, 'yoriai-session document') },
  { method: 'get', path: '/api/sessions/:id/since-last', summary: 'What changed since the previous session of the series', auth: 'login', params: session, ok: json(200, '{ previous, actions }') },
  { method: 'get', path: '/api/archive', summary: 'Search the archive', auth: 'login', query: archiveQuerySchema, ok: json(200, 'archive entries') },
  { method: 'get', path: '/api/search', summary: 'Card-level search: cards, groups, preparation, decisions, actions, owners, notes (folded, with spelling variants)', auth: 'login', query: searchQuerySchema, ok: json(200, '{ query, spellings, hits, truncated }') },
  { method: 'get', path: '/api/search/variants', summary: 'The spelling variant groups search treats as one', auth: 'login', ok: json(200, '{ groups }') },
  { method: 'put', path: '/api/search/variants', summary: 'Replace the spelling variant groups (admin)', auth: 'login', body: variantGroupsSchema, ok: json(200, '{ groups }') },
  { method: 'delete', path: '/api/sessions/:id', summary: 'Delete a session with its boards, archive, search text, figures and actions (audited)', auth: 'login', params: session, ok: none },
  { method: 'get', path: '/api/stats', summary: 'Figures across sessions, optionally of one fiscal year (April–March)', auth: 'login', query: statsQuerySchema, ok: json(200, '{ fiscalYear, fiscalYears, sessions, totals, byOrganizationType, distinct }') },
  {
    method: 'get',
    path: '/api/stats/export/:table.csv',
    summary: 'A figures table as CSV: sessions or organization-types (optionally ?fiscalYear=)',
    auth: 'login',
    params: z.object({ table: z.enum(STATS_TABLES) }),
    query: statsQuerySchema,
    ok: { status: 200, description: 'CSV file', type: 'csv' },
  },
  { method: 'get', path: '/api/actions/export.csv', summary: 'The follow-up register as CSV (optionally ?spaceId=)', auth: 'login', query: spaceQuerySchema, ok: { status: 200, description: 'CSV file', type: 'csv' } },
  { method: 'get', path: '/api/actions', summary: 'The follow-up register', auth: 'login', query: registerQuerySchema, ok: json(200, 'register entries') },
  { method: 'patch', path: '/api/actions/:id', summary: 'Update a register entry', auth: 'login', params: session, body: actionPatchSchema, ok: json(200, 'register entry') },
  { method: 'post', path: '/api/actions/:id/notes', summary: 'Add a progress note', auth: 'login', params: session, body: progressNoteSchema, ok: json(201, 'the note') },

  { method: 'get', path: '/api/spaces', summary: "The caller's spaces (admin: all), oldest first", auth: 'login', ok: json(200, '[{ id, name }]') },
  { method: 'post', path: '/api/spaces', summary: 'Create a space (admin), with nobody in it yet', auth: 'login', body: createSpaceSchema, ok: json(201, '{ id }') },
  { method: 'get', path: '/api/spaces/:id', summary: 'A space with its settings, organisation-type changes and members (its members, admins)', auth: 'login', params: spaceParams, ok: json(200, '{ id, name, membershipKinds, surveyDefaults, organizationTypes, members, canManage }') },
  { method: 'patch', path: '/api/spaces/:id', summary: "Change a space's name, membership kinds, survey defaults or organisation types (its secretariat, admins)", auth: 'login', params: spaceParams, body: patchSpaceSchema, ok: json(200, 'the space') },
  { method: 'put', path: '/api/spaces/:id/members', summary: 'Replace who works in a space, with roles (its secretariat, admins)', auth: 'login', params: spaceParams, body: spaceMembersSchema, ok: json(200, 'the space') },
  { method: 'get', path: '/api/spaces/:id/organization-types', summary: 'The organisation types offered in a space (installation types less retired, plus its own)', auth: 'login', params: spaceParams, ok: json(200, '[{ id, label }] in the request language') },

  // Member organisations, social resources, update links and the directory (docs/api.md "Organisations and the directory").
  { method: 'post', path: '/api/spaces/:id/organizations', summary: 'Add a member organisation (the space’s secretariat)', auth: 'login', params: inSpace, body: organizationCreateSchema, ok: json(201, '{ id }') },
  { method: 'get', path: '/api/spaces/:id/organizations', summary: 'The member organisations of a space, by reading (kana)', auth: 'login', params: inSpace, ok: json(200, 'organisations') },
  { method: 'post', path: '/api/spaces/:id/organizations/import', summary: 'Import the member list from CSV (UTF-8 with or without BOM, or Shift_JIS); ?preview=1 checks without storing; one bad row imports nothing', auth: 'login', params: inSpace, query: importQuerySchema, ok: json(200, '{ imported } or, with preview, { preview, encoding, rows, ignoredColumns }; 400 { error, rows: [{ line, message }] }') },
  { method: 'get', path: '/api/spaces/:id/organizations.csv', summary: 'The member list as CSV, the import’s columns (UTF-8 with BOM)', auth: 'login', params: inSpace, ok: { status: 200, description: 'CSV file', type: 'csv' } },
  { method: 'get', path: '/api/spaces/:id/organizations.json', summary: 'The member list as JSON', auth: 'login', params: inSpace, ok: json(200, 'organisations') },
  { method: 'get', path: '/api/spaces/:id/taxonomies', summary: 'The space’s categories, audiences and districts (retired ones flagged)', auth: 'login', params: inSpace, ok: json(200, '{ categories, audiences, districts }') },
  { method: 'put', path: '/api/spaces/:id/taxonomies/:facet', summary: 'Replace one taxonomy’s list (the space’s secretariat); a term left out is retired', auth: 'login', params: z.object({ id: directorySpaceId, facet: z.enum(TAXONOMY_FACETS) }), body: taxonomyPutSchema, ok: json(200, '{ categories, audiences, districts }') },
  { method: 'get', path: '/api/organizations/:id', summary: 'An organisation’s page: its resources, the actions it owns, its change history, its update link', auth: 'login', params: session, ok: json(200, '{ organization, resources, actions, sessionsAttended, changes, updateLink }') },
  { method: 'patch', path: '/api/organizations/:id', summary: 'Change an organisation (the space’s secretariat); each changed field is logged', auth: 'login', params: session, body: organizationPatchSchema, ok: json(200, 'the organisation') },
  { method: 'post', path: '/api/organizations/:id/resources', summary: 'Add a social resource to an organisation (the space’s secretariat)', auth: 'login', params: session, body: resourceCreateSchema, ok: json(201, '{ id }') },
  { method: 'post', path: '/api/organizations/:id/update-link', summary: 'A new personal update link for the organisation (the old one stops working); { mail: true } also mails it', auth: 'login', params: session, body: updateLinkCreateSchema, ok: json(201, '{ url, expiresAt, mailedTo?, mailError? }') },
  { method: 'post', path: '/api/spaces/:id/update-links', summary: 'New update links for many organisations at once (default: every one still a member), each replacing its old one; { mail: true } mails those with an e-mail address', auth: 'login', params: inSpace, body: updateLinksBatchSchema, ok: json(201, '{ links: [{ organizationId, name, url, expiresAt, mailedTo?, mailError? }] }') },
  { method: 'delete', path: '/api/organizations/:id/update-link', summary: 'Revoke the organisation’s update link', auth: 'login', params: session, ok: none },
  { method: 'get', path: '/api/resources/:id', summary: 'One social resource', auth: 'login', params: session, ok: json(200, 'the resource') },
  { method: 'patch', path: '/api/resources/:id', summary: 'Change a social resource (the space’s secretariat); each changed field is logged', auth: 'login', params: session, body: resourcePatchSchema, ok: json(200, 'the resource') },
  { method: 'delete', path: '/api/resources/:id', summary: 'Delete a social resource (the space’s secretariat); its history stays', auth: 'login', params: session, ok: none },
  { method: 'get', path: '/api/spaces/:id/directory', summary: 'The directory: resources with their organisation, by query (Japanese, 2+ characters) and facets', auth: 'login', params: inSpace, query: directoryQuerySchema, ok: json(200, '{ entries, taxonomies }') },
  { method: 'get', path: '/api/spaces/:id/directory/figures', summary: 'Members by kind and type, resources by category and district, gaps, stale entries', auth: 'login', params: inSpace, query: z.object({ audience: z.string().max(60).optional() }), ok: json(200, '{ members, resources, gaps, stale }') },
  { method: 'get', path: '/api/spaces/:id/directory/hsds.json', summary: 'The directory as Open Referral HSDS 3 organizations with their services', auth: 'login', params: inSpace, ok: json(200, 'HSDS organizations') },
  { method: 'get', path: '/api/spaces/:id/directory/hsds/:table.csv', summary: 'One HSDS tabular file (organizations, services, schedules, service_areas, phones, attributes, taxonomy_terms)', auth: 'login', params: z.object({ id: directorySpaceId, table: z.enum(HSDS_TABLES) }), ok: { status: 200, description: 'CSV file', type: 'csv' } },
  { method: 'get', path: '/api/public/directory/:spaceId', summary: 'The public view: published, active entries only, without members’ contact details (no login)', auth: 'none', params: z.object({ spaceId: directorySpaceId }), query: directoryQuerySchema, ok: json(200, '{ space, taxonomies, entries }') },
  { method: 'get', path: '/api/update-links/:token', summary: 'What an update link opens: its organisation, resources, and the terms to choose from (no account)', auth: 'none', params: updateLinkParams, ok: json(200, '{ organization, resources, taxonomies, organizationTypes }') },
  { method: 'patch', path: '/api/update-links/:token/organization', summary: 'The member changes its own details through its link', auth: 'none', params: updateLinkParams, body: linkOrganizationPatchSchema, ok: json(200, 'the organisation') },
  { method: 'post', path: '/api/update-links/:token/resources', summary: 'The member adds a resource through its link', auth: 'none', params: updateLinkParams, body: resourceCreateSchema, ok: json(201, '{ id }') },
  { method: 'patch', path: '/api/update-links/:token/resources/:resourceId', summary: 'The member changes one of its resources through its link', auth: 'none', params: z.object({ token: updateLinkParams.shape.token, resourceId: idParam }), body: resourcePatchSchema, ok: json(200, 'the resource') },
  { method: 'post', path: '/api/update-links/:token/confirm', summary: '“Still correct”: every resource of the organisation confirmed today', auth: 'none', params: updateLinkParams, ok: json(200, '{ confirmedOn, resources }') },
];

/** The `:name` parameters of an express path, in order. */
export function pathParamsOf(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
}

/**
 * Check each request's path parameters against the route table before any handler runs: a
 * malformed id or an unknown route key (`constructor.csv`) is a 400, never a lookup. Routes not in
 * the table pass through untouched (the OpenAPI test is what catches them).
 */
export function validateDeclaredParams(routes: readonly ApiRoute[] = API_ROUTES): RequestHandler {
  const checks = routes
    .filter((r) => r.params)
    .map((r) => {
      const names = pathParamsOf(r.path);
      const declared = Object.keys(r.params!.shape);
      if (names.join() !== declared.join()) throw new Error(`${r.method.toUpperCase()} ${r.path}: params schema declares ${declared.join()} for ${names.join()}`);
      return { method: r.method.toUpperCase(), matches: match(r.path, { decode: (s) => decodeComponent(s) ?? s }), schema: r.params! };
    });
  return (req, _res, next) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const path = req.baseUrl + req.path;
    for (const check of checks) {
      if (check.method !== method) continue;
      const found = check.matches(path);
      if (!found) continue;
      const result = check.schema.safeParse(found.params);
      if (result.success) return next();
      // A route key outside its fixed list names nothing that exists (404); a malformed id is a 400.
      const unknownKey = result.error.issues.every((i) => i.code === 'invalid_value');
      return next(new AppError(unknownKey ? 'not_found' : 'bad_request', describeIssues(result.error.issues)));
    }
    next();
  };
}
