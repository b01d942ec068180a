import type { ChangeView, ImportRowError, LinkOrganizationPatch, TaxonomyFacet, OrganizationInput, OrganizationPatch, OrganizationView, ResourceInput, ResourcePatch, ResourceView, TaxonomiesView } from '../../../shared/schemas/directory';
import type { SpaceRef, SpaceView } from '../../../shared/schemas/spaces';
import { ApiError, type ClientErrorCode, requestJson } from './http';

export type { ChangeView, ImportRowError, MembershipKind, OrganizationInput, OrganizationView, ResourceInput, ResourceView, ScheduleInput, ScheduleView, ResourceStatus, TaxonomiesView, TaxonomyFacet, TaxonomyTerm, Weekday } from '../../../shared/schemas/directory';
export { MEMBERSHIP_KINDS, ORGANIZATION_STATUSES, RESOURCE_STATUSES, TAXONOMY_FACETS, WEEKDAYS } from '../../../shared/schemas/directory';
export type { SpaceRef } from '../../../shared/schemas/spaces';

/** A directory entry of the secretariat's view: a resource, whether it opens this week, and who offers it. */
export type DirectoryEntry = ResourceView & {
  openThisWeek: boolean;
  organization: { id: string; name: string; kana: string; membership: string; organizationType: string; url: string };
};

/**
 * An entry of the public view: what the member wrote for the public, without confirmation
 * dates, stale flag, status or the organisation's contact person.
 */
export type PublicEntry = Pick<ResourceView, 'id' | 'name' | 'description' | 'categories' | 'audiences' | 'districts' | 'schedule' | 'address' | 'fees' | 'capacity' | 'howToApply' | 'contact'> & {
  openThisWeek: boolean;
  organization: { name: string; url: string };
};

/** An organisation's page: itself, its resources, the actions it owns, its history, its update link. */
export interface OrganizationDetail {
  organization: OrganizationView;
  resources: ResourceView[];
  actions: Array<{ id: string; sessionId: string; sessionTitle: string; title: string; dueDate: string | null; status: string }>;
  /** Not derivable (participants join with an organisation type, not an organisation): null. */
  sessionsAttended: Array<{ id: string; title: string; heldOn?: string | null }> | null;
  changes: ChangeView[];
  updateLink: { open: true; createdAt: string; expiresAt: string; lastUsedAt: string | null } | { open: false };
}

/** The labels a space offers for its resources (retired terms left out). */
export interface Taxonomy {
  categories: string[];
  audiences: string[];
  districts: string[];
}

/** What an update link opens: the organisation, its entries, the terms to choose from. */
export interface MemberView {
  organization: OrganizationView;
  resources: ResourceView[];
  taxonomies: TaxonomiesView;
  organizationTypes: Array<{ id: string; label: string }>;
}

/** The filters of the directory: every one optional. */
export interface DirectoryQuery {
  q?: string;
  category?: string;
  audience?: string;
  district?: string;
  weekday?: string;
  openThisWeek?: boolean;
  /** The secretariat's view: paused and ended entries too. */
  all?: boolean;
}

/** A good import (or its preview): the rows as they are (or would be) stored. */
export interface ImportAccepted {
  encoding: 'UTF-8' | 'Shift_JIS';
  rows: Array<{ line: number } & OrganizationInput>;
  ignoredColumns: string[];
  imported: number;
}

/** The answer to an import: accepted, or every bad row with nothing imported. */
export type ImportResult = ({ ok: true } & ImportAccepted) | { ok: false; message: string; rows: ImportRowError[] };

/** The secretariat's figures of a space's members and directory. */
export interface DirectoryFigures {
  members: {
    total: number;
    byKind: Array<{ membership: string; count: number }>;
    byType: Array<{ organizationType: string; label: string; count: number }>;
    joinedByFiscalYear: Array<{ fiscalYear: number } & Record<string, number>>;
  };
  resources: { total: number; byCategory: Array<{ category: string; count: number }>; byDistrict: Array<{ district: string; count: number }> };
  gaps: { audience: string | null; cells: Array<{ district: string; category: string }> };
  stale: Array<{ resourceId: string; name: string; organizationId: string; organizationName: string; lastConfirmedOn: string | null }>;
}

/** The live labels of each facet. */
export function taxonomyOf(view: Partial<Record<keyof Taxonomy, Array<{ label: string; retired?: boolean }>>>): Taxonomy {
  const live = (terms: Array<{ label: string; retired?: boolean }> | undefined) => (terms ?? []).filter((t) => !t.retired).map((t) => t.label);
  return { categories: live(view.categories), audiences: live(view.audiences), districts: live(view.districts) };
}

/** The HSDS tabular files the server writes, one CSV each (docs/api.md). */
export const HSDS_CSV_TABLES = ['organizations', 'services', 'schedules', 'service_areas', 'phones', 'attributes', 'taxonomy_terms'] as const;

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
 * reaches the server as it was written and the server detects its encoding.
 */
async function postCsv(path: string, file: Blob): Promise<ImportResult> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'text/csv', accept: 'application/json' }, credentials: 'same-origin', body: file });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
  const body = (await res.json().catch(() => ({}))) as Omit<Partial<ImportAccepted>, 'rows'> & { error?: { code?: string; message?: string }; rows?: unknown };
  if (res.ok) return { ok: true, encoding: body.encoding ?? 'UTF-8', rows: (body.rows as ImportAccepted['rows']) ?? [], ignoredColumns: body.ignoredColumns ?? [], imported: body.imported ?? 0 };
  if (res.status === 400 && Array.isArray(body.rows)) return { ok: false, message: body.error?.message ?? '', rows: body.rows as ImportRowError[] };
  throw new ApiError(res.status, (body.error?.code ?? 'internal') as ClientErrorCode, body.error?.message ?? res.statusText);
}

/** The organisations and social-resource directory of a space, for the secretariat. */
export const directoryApi = {
  spaces: () => requestJson<SpaceRef[]>('GET', '/api/spaces'),
  /** A space's settings: here, the membership kinds it uses. */
  space: (space: string) => requestJson<Pick<SpaceView, 'id' | 'name' | 'membershipKinds'>>('GET', `/api/spaces/${enc(space)}`),
  organizationTypes: (space: string) => requestJson<Array<{ id: string; label: string }>>('GET', `/api/spaces/${enc(space)}/organization-types`),
  organizations: (space: string) => requestJson<OrganizationView[]>('GET', `/api/spaces/${enc(space)}/organizations`),
  addOrganization: (space: string, input: OrganizationInput) => requestJson<{ id: string }>('POST', `/api/spaces/${enc(space)}/organizations`, { body: input }),
  organization: (id: string) => requestJson<OrganizationDetail>('GET', `/api/organizations/${enc(id)}`),
  changeOrganization: (id: string, input: OrganizationPatch) => requestJson<OrganizationView>('PATCH', `/api/organizations/${enc(id)}`, { body: input }),
  /** With `preview`, the rows as they would be stored and nothing imported. */
  importCsv: (space: string, file: Blob, preview: boolean) => postCsv(`/api/spaces/${enc(space)}/organizations/import${preview ? '?preview=1' : ''}`, file),
  organizationsCsvUrl: (space: string) => `/api/spaces/${enc(space)}/organizations.csv`,
  organizationsJsonUrl: (space: string) => `/api/spaces/${enc(space)}/organizations.json`,
  hsdsUrl: (space: string) => `/api/spaces/${enc(space)}/directory/hsds.json`,
  hsdsCsvUrl: (space: string, table: (typeof HSDS_CSV_TABLES)[number]) => `/api/spaces/${enc(space)}/directory/hsds/${table}.csv`,
  addResource: (organization: string, input: ResourceInput) => requestJson<{ id: string }>('POST', `/api/organizations/${enc(organization)}/resources`, { body: input }),
  changeResource: (id: string, input: ResourcePatch) => requestJson<ResourceView>('PATCH', `/api/resources/${enc(id)}`, { body: input }),
  /** With `mail`, the server also mails it to the organisation's e-mail (when SMTP is configured). */
  removeResource: (id: string) => requestJson<void>('DELETE', `/api/resources/${enc(id)}`),
  createUpdateLink: (organization: string, mail = false) =>
    requestJson<{ url: string; expiresAt: string; mailedTo?: string; mailError?: string }>('POST', `/api/organizations/${enc(organization)}/update-link`, mail ? { body: { mail: true } } : {}),
  /** New links for every member still in (or `organizationIds`), mailed to those with an address when `mail`. */
  createUpdateLinks: (space: string, mail: boolean) =>
    requestJson<{ links: Array<{ organizationId: string; name: string; url: string; expiresAt: string; mailedTo?: string; mailError?: string }> }>('POST', `/api/spaces/${enc(space)}/update-links`, { body: { mail } }),
  revokeUpdateLink: (organization: string) => requestJson<void>('DELETE', `/api/organizations/${enc(organization)}/update-link`),
  taxonomies: (space: string) => requestJson<TaxonomiesView>('GET', `/api/spaces/${enc(space)}/taxonomies`),
  /** The whole list of one facet, in order: an id keeps (and renames) a term, one left out is retired. */
  putTaxonomy: (space: string, facet: TaxonomyFacet, terms: Array<{ id?: string; label: string }>) => requestJson<TaxonomiesView>('PUT', `/api/spaces/${enc(space)}/taxonomies/${facet}`, { body: { terms } }),
  directory: (space: string, q: DirectoryQuery) => requestJson<{ entries: DirectoryEntry[]; taxonomies: TaxonomiesView }>('GET', `/api/spaces/${enc(space)}/directory${query(q)}`),
  figures: (space: string, audience: string) => requestJson<DirectoryFigures>('GET', `/api/spaces/${enc(space)}/directory/figures${audience ? `?audience=${enc(audience)}` : ''}`),
};

/** What a member's update link may do, with the link's token instead of an account. */
export const memberApi = {
  open: (token: string) => requestJson<MemberView>('GET', `/api/update-links/${enc(token)}`),
  changeOrganization: (token: string, input: LinkOrganizationPatch) => requestJson<OrganizationView>('PATCH', `/api/update-links/${enc(token)}/organization`, { body: input }),
  changeResource: (token: string, id: string, input: ResourcePatch) => requestJson<ResourceView>('PATCH', `/api/update-links/${enc(token)}/resources/${enc(id)}`, { body: input }),
  addResource: (token: string, input: ResourceInput) => requestJson<{ id: string }>('POST', `/api/update-links/${enc(token)}/resources`, { body: input }),
  confirm: (token: string) => requestJson<{ confirmedOn: string; resources: number }>('POST', `/api/update-links/${enc(token)}/confirm`),
};

/** The public view of a space's published entries (no login). */
export const publicDirectoryApi = {
  directory: (space: string, q: DirectoryQuery) =>
    requestJson<{ space: SpaceRef; entries: PublicEntry[]; taxonomies: Partial<Record<keyof Taxonomy, Array<{ id: string; label: string }>>> }>('GET', `/api/public/directory/${enc(space)}${query(q)}`),
};
