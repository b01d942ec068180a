import type { OrganizationTypeEntry } from '../../../shared/organization-types';
import { requestJson } from './http';

const base = '/api/organization-types';

/** The admin's organisation types: every type (retired ones too), add, rename, retire. */
export const organizationTypesApi = {
  listAll: (language?: string) => requestJson<OrganizationTypeEntry[]>('GET', `${base}/all${language ? `?lang=${language === 'en' ? 'en' : 'ja'}` : ''}`),
  add: (input: { id: string; labelJa: string; labelEn: string }) => requestJson<OrganizationTypeEntry>('POST', base, { body: input }),
  change: (id: string, patch: { labelJa?: string; labelEn?: string; retired?: boolean }) => requestJson<OrganizationTypeEntry>('PATCH', `${base}/${encodeURIComponent(id)}`, { body: patch }),
};
