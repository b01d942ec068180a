import { z } from 'zod';

/*
 * Member organisations, their social resources (社会資源) and the directory: the REST bodies and
 * answers. The server parses with these; the client builds its forms from the same names.
 */

/** Membership kinds as stable ids: 関係会員, パートナー会員, 協議会員, or none. */
export const MEMBERSHIP_KINDS = ['relation', 'partner', 'council', 'none'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];
/** The Japanese names the city's lists use (and the CSV's 会員種別 column), by id. */
export const MEMBERSHIP_LABELS_JA: Readonly<Record<MembershipKind, string>> = { relation: '関係会員', partner: 'パートナー会員', council: '協議会員', none: 'なし' };

/** A member organisation is active, or has left the platform (kept for its history). */
export const ORGANIZATION_STATUSES = ['active', 'inactive'] as const;
/** 活動中 / 休止中 / 終了. */
export const RESOURCE_STATUSES = ['active', 'paused', 'ended'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];
/** The three taxonomies a space keeps for its directory. */
export const TAXONOMY_FACETS = ['categories', 'audiences', 'districts'] as const;
export type TaxonomyFacet = (typeof TAXONOMY_FACETS)[number];
/** Weekdays as RFC 5545 writes them, Monday first. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const text = (max: number) => z.string().trim().max(max);
const label = z.string().trim().min(1).max(60);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM');
const email = z.union([z.literal(''), z.string().trim().toLowerCase().email().max(200)]);
const url = z.union([z.literal(''), z.string().trim().max(500).url().refine((u) => /^https?:\/\//i.test(u), 'a web site starts with http:// or https://')]);

/** `POST /api/spaces/:id/organizations`. */
export const organizationCreateSchema = z.object({
  name: label.max(200),
  kana: text(200).optional(),
  membership: z.enum(MEMBERSHIP_KINDS),
  organizationType: z.string().min(1).max(40),
  districts: z.array(label).max(30).optional(),
  contactName: text(100).optional(),
  email: email.optional(),
  phone: text(40).optional(),
  url: url.optional(),
  joinedOn: date.nullable().optional(),
  status: z.enum(ORGANIZATION_STATUSES).optional(),
});
export type OrganizationInput = z.infer<typeof organizationCreateSchema>;
/** `PATCH /api/organizations/:id` (and the update link's): any of the fields. */
export const organizationPatchSchema = organizationCreateSchema.partial();
export type OrganizationPatch = z.infer<typeof organizationPatchSchema>;
/** `PATCH /api/update-links/:token/organization`: what a member changes itself (membership, type, status and joined-on stay the secretariat's). */
export const linkOrganizationPatchSchema = organizationCreateSchema.pick({ name: true, kana: true, districts: true, contactName: true, email: true, phone: true, url: true }).partial();
export type LinkOrganizationPatch = z.infer<typeof linkOrganizationPatchSchema>;

/** A schedule: an RFC 5545 rule (`FREQ=MONTHLY;BYDAY=2SA`) and the hours it is open. */
export const scheduleSchema = z.object({
  rrule: z.string().trim().min(1).max(300),
  opensAt: time.optional(),
  closesAt: time.optional(),
});
export type ScheduleInput = z.infer<typeof scheduleSchema>;

/** `POST /api/organizations/:id/resources`; categories, audiences and districts by their labels in the space. */
export const resourceCreateSchema = z.object({
  name: label.max(200),
  description: text(4000).optional(),
  categories: z.array(label).max(20),
  audiences: z.array(label).max(20),
  districts: z.array(label).max(30).optional(),
  schedule: scheduleSchema.nullable().optional(),
  address: text(300).optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  fees: text(300).optional(),
  capacity: z.number().int().min(0).max(100000).nullable().optional(),
  howToApply: text(1000).optional(),
  contact: text(300).optional(),
  status: z.enum(RESOURCE_STATUSES),
  published: z.boolean().optional(),
});
export type ResourceInput = z.infer<typeof resourceCreateSchema>;
/** `PATCH /api/resources/:id` (and the update link's): any of the fields. */
export const resourcePatchSchema = resourceCreateSchema.partial();
export type ResourcePatch = z.infer<typeof resourcePatchSchema>;

/** `PUT /api/spaces/:id/taxonomies/:facet`: the whole list in order; an id keeps a term (renamed), a term left out is retired. */
export const taxonomyPutSchema = z.object({
  terms: z.array(z.object({ id: z.string().min(1).max(40).optional(), label })).max(100),
});

/** `GET /api/spaces/:id/directory` (and the public view's) query. */
export const directoryQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().max(60).optional(),
  audience: z.string().max(60).optional(),
  district: z.string().max(60).optional(),
  weekday: z.enum(WEEKDAYS).optional(),
  /** `1`: only entries open some day of the current week (Monday to Sunday, Japan time). */
  openThisWeek: z.enum(['1', '0']).optional(),
  /** `1` (the secretariat's view only): also paused and ended entries. */
  all: z.enum(['1', '0']).optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** `POST /api/spaces/:id/organizations/import?preview=1`. */
export const importQuerySchema = z.object({ preview: z.enum(['1', '0']).optional() });

/** `POST /api/organizations/:id/update-link`: `mail: true` also mails it to the organisation's e-mail (SMTP configured). */
export const updateLinkCreateSchema = z.object({ mail: z.boolean().optional() });

/**
 * `POST /api/spaces/:id/update-links`: new links for these organisations of the space (left out:
 * every organisation still a member), each mailed to its e-mail address with `mail`.
 */
export const updateLinksBatchSchema = z.object({
  organizationIds: z.array(z.string().min(1).max(64)).min(1).max(5000).optional(),
  mail: z.boolean().optional(),
});
export type UpdateLinksBatchInput = z.infer<typeof updateLinksBatchSchema>;

/** A path parameter that is an update-link token. */
export const updateLinkParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'a link token is letters, digits, - and _') });

/** A term of a taxonomy, as answered. */
export interface TaxonomyTerm {
  id: string;
  label: string;
  retired: boolean;
}
/** `GET /api/spaces/:id/taxonomies`. */
export type TaxonomiesView = Record<TaxonomyFacet, TaxonomyTerm[]>;

/** An organisation as listed and read. */
export interface OrganizationView {
  id: string;
  spaceId: string;
  name: string;
  kana: string;
  membership: MembershipKind;
  organizationType: string;
  districts: string[];
  contactName: string;
  email: string;
  phone: string;
  url: string;
  joinedOn: string | null;
  status: (typeof ORGANIZATION_STATUSES)[number];
  createdAt: string;
  updatedAt: string;
}

/** A schedule as answered: the rule, hours, its Japanese rendering and the weekdays it falls on. */
export interface ScheduleView {
  rrule: string;
  opensAt: string | null;
  closesAt: string | null;
  /** 毎週水曜 15:00–18:00. */
  textJa: string;
  weekdays: Weekday[];
}

/** A social resource as answered. */
export interface ResourceView {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  categories: string[];
  audiences: string[];
  districts: string[];
  schedule: ScheduleView | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  fees: string;
  capacity: number | null;
  howToApply: string;
  contact: string;
  status: ResourceStatus;
  published: boolean;
  lastConfirmedOn: string | null;
  /** Not confirmed for a year (or never since it was added a year ago). */
  stale: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One field's change. `by` is `user:<account id>` or `link:<organisation id>`. */
export interface ChangeView {
  entity: 'organization' | 'resource';
  entityId: string;
  field: string;
  before: string | null;
  after: string | null;
  by: string;
  byName: string;
  at: string;
}

/** One bad row of a CSV import. */
export interface ImportRowError {
  line: number;
  message: string;
}
