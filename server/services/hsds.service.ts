/*
 * The directory as Open Referral HSDS 3.x (https://docs.openreferral.org): organizations with
 * their services, each service with its schedules (RFC 5545 parts), service areas (districts),
 * phones and attributes (categories and audiences as taxonomy terms). The same objects become
 * the HSDS tabular files (organizations.csv, services.csv …) under Open Referral's field names.
 * Not exported: the free-text address and coordinates (an HSDS address needs city, postal code
 * and country as separate fields), capacity, the entry's contact line and the organisation's
 * contact person.
 */
import { createHash } from 'node:crypto';
import { MEMBERSHIP_LABELS_JA, type ResourceStatus } from '../../shared/schemas/directory';
import type { UserActor } from '../auth/policy';
import type { ServiceContext } from './context';
import { type DirectoryEntry, loadEntries } from './directory.service';
import { loadSpaceOrganizationTypes } from './organizations-types';
import { toCsv } from './presenters/csv.presenter';
import { readStoredRule } from './recurrence';
import { requireSpaceAccess } from './spaces.service';

/** The HSDS tabular files this export writes, `GET /api/spaces/:id/directory/hsds/<table>.csv`. */
export const HSDS_TABLES = ['organizations', 'services', 'schedules', 'service_areas', 'phones', 'attributes', 'taxonomy_terms'] as const;
export type HsdsTable = (typeof HSDS_TABLES)[number];

type Row = Record<string, unknown>;

/** A UUID that is the same on every export for the same thing (HSDS ids are UUIDs; ours for terms are not). */
export function stableUuid(key: string): string {
  const h = createHash('sha1').update(`yoriai-hsds:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const STATUS: Readonly<Record<ResourceStatus, string>> = { active: 'active', paused: 'temporarily closed', ended: 'inactive' };

/** Drop empty fields: HSDS readers take an absent field as unknown, while "" would fail an email or uri format. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))) as T;
}

const HHMM = (t: string | null) => (t ? `${t}+09:00` : undefined);
const day = (d: Date) => d.toISOString().slice(0, 10);

function schedulesOf(e: DirectoryEntry): Row[] {
  const parsed = readStoredRule(e.schedule?.rrule ?? null);
  if (!parsed || !e.schedule) return [];
  const o = parsed.rule.origOptions;
  const days = parsed.rule.toString().match(/BYDAY=([^;\n]+)/)?.[1]?.replace(/\+/g, '');
  const monthDays = ([] as number[]).concat(o.bymonthday ?? []);
  return [
    compact({
      id: stableUuid(`schedule:${e.id}`),
      service_id: e.id,
      freq: o.freq === 1 ? 'MONTHLY' : 'WEEKLY',
      interval: o.interval ?? 1,
      byday: days,
      // HSDS types bymonthday as a number: one day fits; several are in the description.
      bymonthday: monthDays.length === 1 ? monthDays[0] : undefined,
      dtstart: o.dtstart ? day(o.dtstart) : undefined,
      until: o.until ? day(o.until) : undefined,
      count: o.count ? String(o.count) : undefined,
      timezone: 9,
      opens_at: HHMM(e.schedule.opensAt),
      closes_at: HHMM(e.schedule.closesAt),
      description: e.schedule.textJa,
    }),
  ];
}

function attributesOf(e: DirectoryEntry): Array<Row & { taxonomy_term: Row & { id: string } }> {
  const terms = [...e.categories.map((label) => ({ facet: 'category', facetJa: '分野', label })), ...e.audiences.map((label) => ({ facet: 'audience', facetJa: '対象', label }))];
  return terms.map((t) => {
    const termId = stableUuid(`term:${t.facet}:${t.label}`);
    return {
      id: stableUuid(`attribute:${e.id}:${t.facet}:${t.label}`),
      link_id: e.id,
      link_type: t.facet === 'category' ? 'service_category' : 'service_audience',
      link_entity: 'service',
      taxonomy_term_id: termId,
      value: t.label,
      taxonomy_term: { id: termId, code: t.label, name: t.label, description: `${t.facetJa}: ${t.label}`, language: 'ja' },
    };
  });
}

function serviceOf(e: DirectoryEntry) {
  return compact({
    id: e.id,
    organization_id: e.organization.id,
    name: e.name,
    description: e.description,
    status: STATUS[e.status],
    application_process: e.howToApply,
    fees_description: e.fees,
    eligibility_description: e.audiences.join('、'),
    assured_date: e.lastConfirmedOn ?? undefined,
    schedules: schedulesOf(e),
    service_areas: e.districts.map((d) => ({ id: stableUuid(`area:${e.id}:${d}`), service_id: e.id, name: d })),
    attributes: attributesOf(e),
  });
}

/**
 * `GET /api/spaces/:id/directory/hsds.json` (any member of the space): the organisations that
 * offer at least one entry that has not ended, each with its services (`services`, as HSDS's
 * API nests them under an organization).
 */
export async function hsdsOrganizations(ctx: ServiceContext, actor: UserActor, spaceId: string) {
  await requireSpaceAccess(ctx, actor, spaceId, 'read');
  const [{ entries, organizations }, types] = await Promise.all([loadEntries(ctx, spaceId), loadSpaceOrganizationTypes(ctx, spaceId)]);
  const live = entries.filter((e) => e.status !== 'ended');
  return organizations
    .filter((o) => live.some((e) => e.organization.id === o.id))
    .map((o) =>
      compact({
        id: o.id,
        name: o.name,
        alternate_name: o.kana,
        // HSDS requires a description; the member list has none, so its kind and type stand for it.
        description: [MEMBERSHIP_LABELS_JA[o.membership as keyof typeof MEMBERSHIP_LABELS_JA] ?? '', types.labelOf(o.organization_type)].filter(Boolean).join('／'),
        email: o.email,
        website: o.url,
        phones: o.phone ? [{ id: stableUuid(`phone:${o.id}`), organization_id: o.id, number: o.phone }] : [],
        services: live.filter((e) => e.organization.id === o.id).map(serviceOf),
      }),
    );
}

/** The columns of each tabular file: Open Referral's field names, scalars only. */
const COLUMNS: Readonly<Record<HsdsTable, readonly string[]>> = {
  organizations: ['id', 'name', 'alternate_name', 'description', 'email', 'website'],
  services: ['id', 'organization_id', 'name', 'description', 'status', 'application_process', 'fees_description', 'eligibility_description', 'assured_date'],
  schedules: ['id', 'service_id', 'freq', 'interval', 'byday', 'bymonthday', 'dtstart', 'until', 'count', 'timezone', 'opens_at', 'closes_at', 'description'],
  service_areas: ['id', 'service_id', 'name'],
  phones: ['id', 'organization_id', 'number'],
  attributes: ['id', 'link_id', 'link_type', 'link_entity', 'taxonomy_term_id', 'value'],
  taxonomy_terms: ['id', 'code', 'name', 'description', 'language'],
};

/** `GET /api/spaces/:id/directory/hsds/<table>.csv`: one HSDS tabular file (UTF-8 with BOM). */
export async function hsdsCsv(ctx: ServiceContext, actor: UserActor, spaceId: string, table: HsdsTable): Promise<string> {
  const orgs = await hsdsOrganizations(ctx, actor, spaceId);
  const services = orgs.flatMap((o) => (o.services ?? []) as Array<ReturnType<typeof serviceOf>>);
  const attributes = services.flatMap((s) => (s.attributes ?? []) as ReturnType<typeof attributesOf>);
  const terms = [...new Map(attributes.map((a) => [a.taxonomy_term.id, a.taxonomy_term])).values()];
  const rows: Record<HsdsTable, Row[]> = {
    organizations: orgs as Row[],
    services: services as Row[],
    schedules: services.flatMap((s) => (s.schedules ?? []) as Row[]),
    service_areas: services.flatMap((s) => (s.service_areas ?? []) as Row[]),
    phones: orgs.flatMap((o) => (o.phones ?? []) as Row[]),
    attributes,
    taxonomy_terms: terms,
  };
  return toCsv([...COLUMNS[table]], rows[table].map((r) => COLUMNS[table].map((c) => r[c] ?? '')));
}
