import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { insertChanges, type DirectoryChangeRow } from '../../db/repositories/changes.repository';
import type { ChangeView } from '../../shared/schemas/directory';
import type { DirectoryEditor } from './directory-scope';

type Db = Kysely<Database> | Transaction<Database>;

/** A field's value as the log keeps it: text, lists joined with 、, nothing as null. */
function asLogged(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Record, field by field, what differs between two views of an entity (labels, not ids, so the
 * log reads as the people who made the change saw it). Only `fields` are compared.
 */
export async function recordChanges(
  db: Db,
  target: { spaceId: string; organizationId: string; entity: 'organization' | 'resource'; entityId: string },
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields: readonly string[],
  editor: DirectoryEditor,
  at: string,
): Promise<number> {
  const rows = fields
    .map((field) => ({ field, from: before ? asLogged(before[field]) : null, to: after ? asLogged(after[field]) : null }))
    .filter((c) => c.from !== c.to)
    .map((c) => ({
      id: randomUUID(),
      space_id: target.spaceId,
      entity: target.entity,
      entity_id: target.entityId,
      organization_id: target.organizationId,
      field: c.field,
      before_value: c.from,
      after_value: c.to,
      actor: editor.by,
      actor_name: editor.name,
      at,
    }));
  await insertChanges(db, rows);
  return rows.length;
}

/** A stored change as answered. */
export function presentChange(row: DirectoryChangeRow): ChangeView {
  return { entity: row.entity, entityId: row.entity_id, field: row.field, before: row.before_value, after: row.after_value, by: row.actor, byName: row.actor_name, at: row.at };
}
