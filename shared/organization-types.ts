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

export { DEFAULT_ORGANIZATION_TYPES, ORGANIZATION_TYPES, type OrganizationType, isOrganizationType } from './organization-type-ids';

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
