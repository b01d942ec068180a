import { randomUUID } from 'node:crypto';
import { insertActionChanges } from '../../db/repositories/archive.repository';
import type { ActionsTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import type { ActionChange } from '../../shared/schemas/clerk';
import type { UserActor } from '../auth/policy';
import type { ServiceContext } from './context';

type ActionRow = Selectable<ActionsTable>;

/** The fields of an action whose changes its history keeps, with their columns. */
const TRACKED: ReadonlyArray<[ActionChange['field'], 'status' | 'due_date' | 'owner_person' | 'owner_organization' | 'title']> = [
  ['status', 'status'],
  ['dueDate', 'due_date'],
  ['ownerPerson', 'owner_person'],
  ['ownerOrganization', 'owner_organization'],
  ['title', 'title'],
];

/**
 * Note in the action's history each tracked field that differs between `before` and `after`:
 * who, when, from → to. Called by every edit of an action, from the session page or the register.
 */
export async function noteActionChanges(ctx: ServiceContext, actor: UserActor, before: ActionRow, after: ActionRow): Promise<void> {
  const at = ctx.now().toISOString();
  const rows = TRACKED.filter(([, column]) => (before[column] ?? null) !== (after[column] ?? null)).map(([field, column]) => ({
    id: randomUUID(),
    action_id: before.id,
    field,
    from_value: before[column] ?? null,
    to_value: after[column] ?? null,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    at,
  }));
  await insertActionChanges(ctx.db, rows);
}
