/**
 * The organisation types a participant picks from when joining. The city reports its
 * participants by these (DOMAIN.md, "What the city measures"); labels live in the i18n texts
 * under `organizationType.<id>`.
 */
export const ORGANIZATION_TYPES = [
  'npo',
  'company',
  'religious',
  'social_welfare_council',
  'medical',
  'university',
  'government',
  'resident',
  'other',
] as const;

/** One organisation type id. */
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** Whether a string is one of the organisation type ids. */
export function isOrganizationType(value: string): value is OrganizationType {
  return (ORGANIZATION_TYPES as readonly string[]).includes(value);
}
