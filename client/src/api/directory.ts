import { ApiError, requestJson } from './http';
import type { ChangeView, ImportRowError, OrganizationInput, OrganizationPatch, OrganizationView, ResourceInput, ResourcePatch, ResourceView, TaxonomiesView } from '../../../shared/schemas/directory';
import type { SpaceRef } from '../../../shared/schemas/spaces';

export type { ChangeView, ImportRowError, MembershipKind, OrganizationInput, OrganizationView, ResourceInput, ResourceView, ScheduleInput, ScheduleView, ResourceStatus, Weekday } from '../../../shared/schemas/directory';
export { MEMBERSHIP_KINDS, RESOURCE_STATUSES, WEEKDAYS } from '../../../shared/schemas/directory';
export type { SpaceRef } from '../../../shared/schemas/spaces';

/** A directory entry: a resource with its organisation. */
export type DirectoryEntry = ResourceView & { organization: Pick<OrganizationView, 'id' | 'name'> & Partial<Pick<OrganizationView, 'kana' | 'phone' | 'email' | 'url' | 'contactName'>> };

/** An organisation's page: itself, its resources, what its people did, its history. */
export interface OrganizationDetail {
  organization: OrganizationView;
  resources: ResourceView[];
  sessions: Array<{ id: string; title: string; heldOn?: string | null }>;
  actions: Array<{ id: string; title: string; status: string; dueDate?: string | null }>;
  history: ChangeView[];
  updateLink?: { expiresAt: string } | null;
}

/** The labels a space offers for its resources (retired terms left out). */
export interface Taxonomy {
  categories: string[];
  audiences: string[];
  districts: string[];
}

/** What an update link opens: the organisation and its entries. */
export interface MemberView {
  organization: Pick<OrganizationView, 'id' | 'name'>;
  resources: ResourceView[];
  taxonomies?: TaxonomiesView;
  expiresAt?: string;
}

/** The filters of the directory: every one optional. */
export interface DirectoryQuery {
  q?: string;
  category?: string;
  audience?: string;
  district?: string;
  weekday?: string;
  openThisWeek?: boolean;
}

/** The answer to an import: how many came in, or every bad row with nothing imported. */
export type ImportResult = { ok: true; imported: number } | { ok: false; message: string; rows: ImportRowError[] };

/** The live labels of each facet. */
export function taxonomyOf(view: TaxonomiesView): Taxonomy {
  const live = (terms: TaxonomiesView['categories'] | undefined) => (terms ?? []).filter((t) => !t.retired).map((t) => t.label);
  return { categories: live(view.categories), audiences: live(view.audiences), districts: live(view.districts) };
}

const enc = encodeURIComponent;

function query(q: DirectoryQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    if (value === true) params.set(key, '1');
    else if (typeof value === 'string' && value.trim()) params.set(key, value.trim());
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Send a CSV file's bytes unchanged (`text/csv`, no charset), so a Shift_JIS file from Excel
 * reaches the server as it was written and the server decides its encoding.
 */
async function postCsv(path: string, file: Blob): Promise<ImportResult> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'text/csv', accept: 'application/json' }, credentials: 'same-origin', body: file });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
  const body = (await res.json().catch(() => ({}))) as { imported?: number; error?: { code?: string; message?: string }; rows?: ImportRowError[] };
  if (res.ok) return { ok: true, imported: body.imported ?? 0 };
  if (res.status === 400 && Array.isArray(body.rows)) return { ok: false, message: body.error?.message ?? '', rows: body.rows };
  throw new ApiError(res.status, (body.error?.code as never) ?? 'internal', body.error?.message ?? res.statusText);
}

/** The organisations and social-resource directory of a space, for the secretariat. */
export const directoryApi = {
  spaces: () => requestJson<SpaceRef[]>('GET', '/api/spaces'),
  organizations: (space: string) => requestJson<OrganizationView[]>('GET', `/api/spaces/${enc(space)}/organizations`),
  addOrganization: (space: string, input: OrganizationInput) => requestJson<{ id: string }>('POST', `/api/spaces/${enc(space)}/organizations`, { body: input }),
  organization: (id: string) => requestJson<OrganizationDetail>('GET', `/api/organizations/${enc(id)}`),
  changeOrganization: (id: string, input: OrganizationPatch) => requestJson<unknown>('PATCH', `/api/organizations/${enc(id)}`, { body: input }),
  importCsv: (space: string, file: Blob) => postCsv(`/api/spaces/${enc(space)}/organizations/import`, file),
  organizationsCsvUrl: (space: string) => `/api/spaces/${enc(space)}/organizations.csv`,
  organizationsJsonUrl: (space: string) => `/api/spaces/${enc(space)}/organizations.json`,
  hsdsUrl: (space: string) => `/api/spaces/${enc(space)}/directory/hsds.json`,
  directoryCsvUrl: (space: string) => `/api/spaces/${enc(space)}/directory.csv`,
  addResource: (organization: string, input: ResourceInput) => requestJson<{ id: string }>('POST', `/api/organizations/${enc(organization)}/resources`, { body: input }),
  changeResource: (id: string, input: ResourcePatch) => requestJson<unknown>('PATCH', `/api/resources/${enc(id)}`, { body: input }),
  createUpdateLink: (organization: string) => requestJson<{ url: string; expiresAt: string }>('POST', `/api/organizations/${enc(organization)}/update-link`),
  revokeUpdateLink: (organization: string) => requestJson<void>('DELETE', `/api/organizations/${enc(organization)}/update-link`),
  taxonomies: (space: string) => requestJson<TaxonomiesView>('GET', `/api/spaces/${enc(space)}/taxonomies`),
  directory: (space: string, q: DirectoryQuery) => requestJson<DirectoryEntry[]>('GET', `/api/spaces/${enc(space)}/directory${query(q)}`),
};

/** What a member's update link may do, with the link's token instead of an account. */
export const memberApi = {
  open: (token: string) => requestJson<MemberView>('GET', `/api/update-links/${enc(token)}`),
  changeResource: (token: string, id: string, input: ResourcePatch) => requestJson<unknown>('PATCH', `/api/update-links/${enc(token)}/resources/${enc(id)}`, { body: input }),
  addResource: (token: string, input: ResourceInput) => requestJson<{ id: string }>('POST', `/api/update-links/${enc(token)}/resources`, { body: input }),
  confirm: (token: string) => requestJson<{ lastConfirmedOn: string }>('POST', `/api/update-links/${enc(token)}/confirm`),
};

/** The public view of a space's published entries (no login). */
export const publicDirectoryApi = {
  directory: (space: string, q: DirectoryQuery) => requestJson<{ space: SpaceRef; entries: DirectoryEntry[]; taxonomies?: TaxonomiesView }>('GET', `/api/public/directory/${enc(space)}${query(q)}`),
};
