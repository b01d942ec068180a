import { z } from 'zod';

/**
 * An organisation type's id: lowercase ASCII, stable forever, so a year's figures compare with
 * the last (a rename changes the label, never the id).
 */
export const organizationTypeIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'an organisation type id is lowercase letters, digits, - and _');

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

const label = z.string().trim().min(1).max(60);

/** `POST /api/organization-types` (admin): a new type with its Japanese and English labels. */
export const organizationTypeCreateSchema = z.object({
  id: organizationTypeIdSchema,
  labelJa: label,
  labelEn: label,
});

/** `PATCH /api/organization-types/:id` (admin): rename, retire (`retired: true`) or bring back. */
export const organizationTypePatchSchema = z
  .object({ labelJa: label.optional(), labelEn: label.optional(), retired: z.boolean().optional() })
  .refine((p) => p.labelJa !== undefined || p.labelEn !== undefined || p.retired !== undefined, 'change a label or retired');

/** What the join page offers: an active type, labelled in the request's language. */
export interface OrganizationTypeOption {
  id: string;
  label: string;
}

/**
 * `GET /api/organization-types/all` (accounts): every type ever offered, retired ones too, so
 * past figures keep their labels.
 */
export interface OrganizationTypeEntry extends OrganizationTypeOption {
  labelJa: string;
  labelEn: string;
  retired: boolean;
  position: number;
}
