import { z } from 'zod';
import { organizationTypeIdSchema } from '../organization-types';
import { surveySchema } from '../survey';

/** Membership kinds a space may use: 関係会員, パートナー会員, 協議会員. */
export const MEMBERSHIP_KINDS = ['relation', 'partner', 'council'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

/** What an account is in a space. */
export const SPACE_ROLES = ['secretariat', 'facilitator'] as const;

/** Space and account ids as they appear in paths and bodies (UUIDs, or a short slug). */
export const spaceIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, - and _');

const spaceName = z.string().trim().min(1).max(100);

/** A space's survey defaults: an empty list is the standard closing survey. */
export const surveyDefaultsSchema = z.union([surveySchema, z.array(z.never()).length(0)]);

/** What a space stores as its settings (the `spaces.settings` column). */
export const spaceSettingsSchema = z.object({
  membershipKinds: z.array(z.enum(MEMBERSHIP_KINDS)).max(MEMBERSHIP_KINDS.length).default([...MEMBERSHIP_KINDS]),
  surveyDefaults: surveyDefaultsSchema.default([]),
});
export type SpaceSettings = z.infer<typeof spaceSettingsSchema>;

/** `POST /api/spaces`. */
export const createSpaceSchema = z.object({ name: spaceName }).strict();

/** `PUT /api/spaces/:id/members`: the whole list of people who work in the space. */
export const spaceMembersSchema = z
  .array(z.object({ userId: spaceIdSchema, role: z.enum(SPACE_ROLES) }).strict())
  .max(500)
  .superRefine((list, issue) => {
    const seen = new Set<string>();
    for (const [i, m] of list.entries()) {
      if (seen.has(m.userId)) issue.addIssue({ code: 'custom', message: `account ${m.userId} is listed twice`, path: [i, 'userId'] });
      seen.add(m.userId);
    }
  });
export type SpaceMembersInput = z.infer<typeof spaceMembersSchema>;

const typeLabel = z.string().trim().min(1).max(60);

/** An organisation type of the space's own (its id is made by the server when absent). */
export const spaceTypeSchema = z
  .object({ id: organizationTypeIdSchema.optional(), labelJa: typeLabel, labelEn: typeLabel.optional() })
  .strict();

/** `PATCH /api/spaces/:id`: any of name, membership kinds, survey defaults and organisation-type changes. */
export const patchSpaceSchema = z
  .object({
    name: spaceName.optional(),
    membershipKinds: z
      .array(z.enum(MEMBERSHIP_KINDS))
      .max(MEMBERSHIP_KINDS.length)
      .refine((k) => new Set(k).size === k.length, 'a membership kind is listed twice')
      .optional(),
    surveyDefaults: surveyDefaultsSchema.optional(),
    organizationTypes: z
      .object({
        /** Installation types this space no longer offers (ids). */
        retired: z.array(organizationTypeIdSchema).max(100),
        /** The space's own types, in display order (replaces the previous list). */
        added: z.array(spaceTypeSchema).max(100),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type PatchSpaceInput = z.infer<typeof patchSpaceSchema>;

/** One entry of `GET /api/spaces`. */
export interface SpaceRef {
  id: string;
  name: string;
}

/** `GET /api/spaces/:id`: the space with its settings, organisation-type changes and members. */
export interface SpaceView extends SpaceRef {
  createdAt: string;
  membershipKinds: MembershipKind[];
  surveyDefaults: z.infer<typeof surveyDefaultsSchema>;
  organizationTypes: { retired: string[]; added: Array<{ id: string; labelJa: string; labelEn: string }> };
  /** Who works there; empty for a caller who does not manage the space. */
  members: Array<{ userId: string; displayName: string; email: string; role: (typeof SPACE_ROLES)[number] }>;
  /** What the caller may do here. */
  canManage: boolean;
}
