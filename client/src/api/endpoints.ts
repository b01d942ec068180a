import type { Phase, TableMode, TableSpec } from '../../../shared/board/templates';
import type {
  AccessView,
  AccountView,
  CreateSessionInput,
  CreateUserInput,
  JoinInput,
  JoinPreview,
  JoinResult,
  LoginInput,
  SessionView,
  SetupInput,
} from '../../../shared/schemas/api';
import type { OrganizationType } from '../../../shared/organization-types';
import { requestJson } from './http';
import { spaceQuery } from '../features/spaces/spaces-api';

/** The signed-in account as `GET /api/auth/me` returns it (no email there). */
export type CurrentAccount = Pick<AccountView, 'id' | 'displayName' | 'role'>;

/** A template a session can start from, as `GET /api/templates` lists it. */
export interface TemplateView {
  id: string;
  name: string;
  builtIn: boolean;
  /** Every facilitator may use it; else only its owner (and admins, the secretariat). */
  shared: boolean;
  ownerId: string | null;
  /** The space it belongs to; null for built-ins (every space). */
  spaceId: string | null;
  phases: Phase[];
  tableMode: TableMode;
  tables: TableSpec[];
}

/** Someone registered in a session, as `GET /api/sessions/:id/participants` lists them. */
export interface ParticipantView {
  id: string;
  displayName: string;
  organizationType: string;
  anonymous: boolean;
  joinedAt: string;
}

/** How fast people join, as `GET /api/sessions/:id/joins` tells it. */
export interface JoinRateView {
  total: number;
  cap: number;
  lastMinute: number;
  /** Joins in each of the last ten minutes, oldest first. */
  perMinute: number[];
}

/** A projector link as `GET /api/sessions/:id/observer-links` lists it (never its token). */
export interface ObserverLinkView {
  id: string;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
}

/** A table as the tables form sends it. */
export interface TableInput {
  name: string;
  theme: string;
}

const session = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/** The typed REST API of the server; every call is same-origin. */
export const api = {
  setupNeeded: () => requestJson<{ needed: boolean }>('GET', '/api/setup'),
  setup: (input: SetupInput) => requestJson<AccountView>('POST', '/api/setup', { body: input }),
  login: (input: LoginInput) => requestJson<AccountView>('POST', '/api/auth/login', { body: input }),
  logout: () => requestJson<void>('POST', '/api/auth/logout'),
  currentAccount: () => requestJson<CurrentAccount>('GET', '/api/auth/me'),
  createUser: (input: CreateUserInput) => requestJson<AccountView>('POST', '/api/users', { body: input }),
  /** The account's sessions; in one space when `spaceId` is given. */
  listSessions: (spaceId?: string) => requestJson<SessionView[]>('GET', `/api/sessions${spaceQuery(spaceId)}`),
  createSession: (input: Pick<CreateSessionInput, 'title'> & Partial<Omit<CreateSessionInput, 'title'>>) =>
    requestJson<SessionView>('POST', '/api/sessions', { body: input }),
  getSession: (id: string) => requestJson<SessionView>('GET', session(id)),
  patchSession: (id: string, input: { title?: string; theme?: string; participantCap?: number }) => requestJson<SessionView>('PATCH', session(id), { body: input }),
  setPhases: (id: string, phases: Phase[]) => requestJson<SessionView>('PUT', `${session(id)}/phases`, { body: phases }),
  setTables: (id: string, input: { mode: TableMode; tables: TableInput[] }) => requestJson<SessionView>('PUT', `${session(id)}/tables`, { body: input }),
  copyPrepToTables: (id: string) => requestJson<{ tables: number }>('POST', `${session(id)}/tables/copy-prep`),
  listTemplates: () => requestJson<TemplateView[]>('GET', '/api/templates'),
  saveTemplate: (name: string, fromSessionId: string) => requestJson<TemplateView>('POST', '/api/templates', { body: { name, fromSessionId } }),
  shareTemplate: (id: string, shared: boolean) => requestJson<TemplateView>('PATCH', `/api/templates/${encodeURIComponent(id)}`, { body: { shared } }),
  observerLink: (id: string) => requestJson<{ id: string; token: string; url: string }>('POST', `${session(id)}/observer-link`),
  observerLinks: (id: string) => requestJson<ObserverLinkView[]>('GET', `${session(id)}/observer-links`),
  revokeObserverLink: (id: string, linkId: string) => requestJson<void>('DELETE', `${session(id)}/observer-links/${encodeURIComponent(linkId)}`),
  joinRate: (id: string) => requestJson<JoinRateView>('GET', `${session(id)}/joins`),
  facilitatorToken: (id: string) => requestJson<{ token: string }>('GET', `${session(id)}/token`),
  listParticipants: (id: string) => requestJson<ParticipantView[]>('GET', `${session(id)}/participants`),
  addParticipant: (id: string, input: { displayName: string; organizationType: OrganizationType; room?: string }) =>
    requestJson<{ id: string }>('POST', `${session(id)}/participants`, { body: input }),
  seatParticipant: (id: string, participantId: string, room: string | null) =>
    requestJson<void>('PUT', `${session(id)}/participants/${encodeURIComponent(participantId)}/table`, { body: { room } }),
  removeParticipant: (id: string, participantId: string) =>
    requestJson<void>('DELETE', `${session(id)}/participants/${encodeURIComponent(participantId)}`),
  /** The labels come in `language` when given, else in the browser's. */
  organizationTypes: (language?: string) =>
    requestJson<{ id: OrganizationType; label: string }[]>('GET', `/api/organization-types${language ? `?lang=${language === 'en' ? 'en' : 'ja'}` : ''}`),
  /** What the join page of this code's session offers: its space's list. */
  joinOrganizationTypes: (code: string) => requestJson<{ id: OrganizationType; label: string }[]>('GET', `/api/join/${encodeURIComponent(code)}/organization-types`),
  /** The types offered in a space (the facilitator's proxy entry). */
  spaceOrganizationTypes: (spaceId: string) => requestJson<{ id: OrganizationType; label: string }[]>('GET', `/api/spaces/${encodeURIComponent(spaceId)}/organization-types`),
  join: (input: JoinInput) => requestJson<JoinResult>('POST', '/api/join', { body: input }),
  previewJoin: (code: string) => requestJson<JoinPreview>('GET', `/api/join/${encodeURIComponent(code)}`),
  access: (token: string) => requestJson<AccessView>('GET', '/api/me', { token }),
  /** The own organisation types of the token's session's space (beside the installation's). */
  sessionOrganizationTypes: (token: string, language: string) =>
    requestJson<Array<{ id: string; label: string }>>('GET', `/api/me/organization-types?lang=${language === 'en' ? 'en' : 'ja'}`, { token }),
};
