import type { AccountView } from '../../../shared/schemas/api';
import type { ActionStatus } from '../../../shared/schemas/consensus';
import type { AccountListEntry, FiguresView, PasswordLinkView, RegisterRow, SearchSource, SearchView, SinceLastChanges, StatsTable } from '../../../shared/schemas/clerk';
import type { SinceLastView } from '../../../shared/schemas/reports';
import { requestJson } from './http';
import { spaceQuery } from '../features/spaces/spaces-api';

export type { AccountListEntry, ActionChange, FiguresView, PasswordLinkView, RegisterRow, SearchHit, SearchSource, SearchView } from '../../../shared/schemas/clerk';
export { SEARCH_SOURCES } from '../../../shared/schemas/clerk';

/** The "since last time" view with what changed in each action. */
export type SinceLastDetail = SinceLastView & { actions: Array<SinceLastView['actions'][number] & SinceLastChanges> };

/** What the register may change about an action. */
export interface RegisterPatch {
  ownerPerson?: string;
  ownerOrganization?: string;
  dueDate?: string | null;
  status?: ActionStatus;
}

const lang = (language: string) => `lang=${language === 'en' ? 'en' : 'ja'}`;
const enc = encodeURIComponent;

/** The clerk's tools: card search and its variants, the register table, figures by 年度, housekeeping, accounts. */
export const clerkApi = {
  search: (q: string, source: '' | SearchSource, spaceId?: string) => requestJson<SearchView>('GET', `/api/search?q=${enc(q)}${source ? `&source=${source}` : ''}${spaceQuery(spaceId, '&')}`),
  variants: () => requestJson<{ groups: string[][] }>('GET', '/api/search/variants'),
  saveVariants: (groups: string[][]) => requestJson<{ groups: string[][] }>('PUT', '/api/search/variants', { body: { groups } }),
  register: (spaceId?: string) => requestJson<RegisterRow[]>('GET', `/api/actions${spaceQuery(spaceId)}`),
  patchAction: (id: string, patch: RegisterPatch) => requestJson<unknown>('PATCH', `/api/actions/${enc(id)}`, { body: patch }),
  registerCsvUrl: (language: string, spaceId?: string) => `/api/actions/export.csv?${lang(language)}${spaceQuery(spaceId, '&')}`,
  sinceLast: (sessionId: string) => requestJson<SinceLastDetail>('GET', `/api/sessions/${enc(sessionId)}/since-last`),
  figures: (fiscalYear: string, spaceId?: string) => requestJson<FiguresView>('GET', `/api/stats?${fiscalYear ? `fiscalYear=${enc(fiscalYear)}` : ''}${spaceQuery(spaceId, '&')}`),
  figuresCsvUrl: (table: StatsTable, fiscalYear: string, language: string, spaceId?: string) => `/api/stats/export/${table}.csv?${lang(language)}${fiscalYear ? `&fiscalYear=${enc(fiscalYear)}` : ''}${spaceQuery(spaceId, '&')}`,
  deleteSession: (id: string) => requestJson<void>('DELETE', `/api/sessions/${enc(id)}`),
  accounts: () => requestJson<AccountListEntry[]>('GET', '/api/users'),
  /** `spaceId`: appoint the new account there with its role (see docs/api.md, Spaces). */
  createAccount: (input: { email: string; displayName: string; role: AccountView['role']; spaceId?: string }) =>
    requestJson<AccountView & { setPasswordLink?: PasswordLinkView }>('POST', '/api/users', { body: input }),
  setDisabled: (id: string, disabled: boolean) => requestJson<AccountListEntry>('PATCH', `/api/users/${enc(id)}`, { body: { disabled } }),
  newPasswordLink: (id: string) => requestJson<PasswordLinkView>('POST', `/api/users/${enc(id)}/password-link`),
  changePassword: (currentPassword: string, newPassword: string) => requestJson<void>('PUT', '/api/auth/password', { body: { currentPassword, newPassword } }),
  previewLink: (token: string) => requestJson<{ email: string; displayName: string; expiresAt: string }>('GET', `/api/password-links/${enc(token)}`),
  useLink: (token: string, password: string) => requestJson<void>('POST', `/api/password-links/${enc(token)}`, { body: { password } }),
};
