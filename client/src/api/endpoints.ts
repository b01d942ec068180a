import type {
  AccessView,
  AccountView,
  CreateSessionInput,
  CreateUserInput,
  JoinInput,
  JoinResult,
  LoginInput,
  SessionView,
  SetupInput,
} from '../../../shared/schemas/api';
import type { OrganizationType } from '../../../shared/organization-types';
import { requestJson } from './http';

/** The signed-in account as `GET /api/auth/me` returns it (no email there). */
export type CurrentAccount = Pick<AccountView, 'id' | 'displayName' | 'role'>;

/** The typed REST API of the server; every call is same-origin. */
export const api = {
  setupNeeded: () => requestJson<{ needed: boolean }>('GET', '/api/setup'),
  setup: (input: SetupInput) => requestJson<AccountView>('POST', '/api/setup', { body: input }),
  login: (input: LoginInput) => requestJson<AccountView>('POST', '/api/auth/login', { body: input }),
  logout: () => requestJson<void>('POST', '/api/auth/logout'),
  currentAccount: () => requestJson<CurrentAccount>('GET', '/api/auth/me'),
  createUser: (input: CreateUserInput) => requestJson<AccountView>('POST', '/api/users', { body: input }),
  listSessions: () => requestJson<SessionView[]>('GET', '/api/sessions'),
  createSession: (input: Pick<CreateSessionInput, 'title'> & { template?: string }) =>
    requestJson<SessionView>('POST', '/api/sessions', { body: input }),
  getSession: (id: string) => requestJson<SessionView>('GET', `/api/sessions/${encodeURIComponent(id)}`),
  facilitatorToken: (id: string) => requestJson<{ token: string }>('GET', `/api/sessions/${encodeURIComponent(id)}/token`),
  organizationTypes: () => requestJson<{ id: OrganizationType; label: string }[]>('GET', '/api/organization-types'),
  join: (input: JoinInput) => requestJson<JoinResult>('POST', '/api/join', { body: input }),
  access: (token: string) => requestJson<AccessView>('GET', '/api/me', { token }),
};
