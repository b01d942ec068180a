/*
 * The built-in organisation type ids, with no zod: the participant's phone imports these, and a
 * module holding schemas would bring zod (26 kB gzip) into its first load. The schemas are in
 * `organization-types.ts`, which re-exports all of this.
 */

/**
 * The organisation types an installation starts with, in the order the join page offers them.
 * The city reports its participants by these (DOMAIN.md, "What the city measures"). They are
 * seeded into the `organization_types` table, which is what the server offers and checks: the
 * admin adds, renames and retires types there. The built-in labels live in the i18n texts under
 * `organizationType.<id>` (a fallback for screens that have not loaded the stored list).
 */
export const DEFAULT_ORGANIZATION_TYPES = [
  'npo',
  'company',
  'religious',
  'social_welfare_council',
  'medical',
  'university',
  'government',
  'resident',
  'kodomo-shokudo',
  'soudan-kikan',
  'minsei-iin',
  'jichikai',
  'houkatsu-center',
  'shakai-fukushi-houjin',
  'other',
] as const;

/** @deprecated the defaults only; the stored list (`GET /api/organization-types`) is what is offered. */
export const ORGANIZATION_TYPES = DEFAULT_ORGANIZATION_TYPES;

/** One organisation type id: a default one or one the admin added. */
export type OrganizationType = string;

/** Whether an id is one of the defaults, whose label the i18n texts carry. */
export function isOrganizationType(value: string): value is (typeof DEFAULT_ORGANIZATION_TYPES)[number] {
  return (DEFAULT_ORGANIZATION_TYPES as readonly string[]).includes(value);
}
