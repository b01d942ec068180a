import { z } from 'zod';
import { type EntitySpec, type FieldSpec, PERSONA_SPEC, STAGE_SPEC } from './schema';

/*
 * The board schema's entities as zod schemas, for what arrives as plain JSON (templates, imports,
 * REST bodies). Kept apart from `schema.ts` so the phone's bundle, which reads the board with the
 * plain checks there, carries no zod.
 */

function fieldZod(field: FieldSpec): z.ZodType {
  switch (field.type) {
    case 'string': {
      let schema = z.string().max(field.max);
      if (field.min !== undefined) schema = schema.min(field.min);
      if (field.pattern) schema = schema.regex(field.pattern);
      return field.required ? schema : schema.optional();
    }
    case 'text':
      return field.required ? z.string().max(field.max) : z.string().max(field.max).optional();
    case 'enum':
      return field.required ? z.enum(field.values as [string, ...string[]]) : z.enum(field.values as [string, ...string[]]).optional();
    case 'boolean':
      return field.required ? z.boolean() : z.boolean().optional();
  }
}

/** A zod schema for one entity of the board: its fields, no others. */
export function entityZod(spec: EntitySpec) {
  return z.strictObject(Object.fromEntries(Object.entries(spec).map(([key, field]) => [key, fieldZod(field)])));
}

/** A journey stage as plain JSON (its description defaults to empty). */
export const stageZod = entityZod(STAGE_SPEC).transform((stage) => ({ ...stage, description: (stage.description as string | undefined) ?? '' })) as unknown as z.ZodType<{ id: string; title: string; description: string }>;

/** The persona as plain JSON: every field a string within its limit. */
export const personaZod = entityZod(PERSONA_SPEC).partial() as unknown as z.ZodType<Partial<Record<keyof typeof PERSONA_SPEC, string>>>;
