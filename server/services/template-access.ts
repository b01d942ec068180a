import type { Language } from '../../shared/i18n';
import { findTemplateById, type TemplateRow, updateTemplateSharing } from '../../db/repositories/templates.repository';
import { spaceRoleOf, type UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { listTemplateViews, type TemplateView } from './templates.service';

/**
 * Whether an account may read or use a saved template: within its space (none: installation-wide)
 * its owner, anyone there when shared, the space's secretariat and admins; nobody elsewhere.
 */
export function maySeeTemplate(actor: UserActor, row: Pick<TemplateRow, 'owner_id' | 'shared' | 'space_id'>): boolean {
  const role = row.space_id === null ? (actor.role === 'facilitator' ? 'facilitator' : 'secretariat') : spaceRoleOf(actor, row.space_id);
  if (role === undefined) return false;
  return role === 'secretariat' || row.shared === 1 || row.owner_id === actor.userId;
}

/** One template as the list shows it: a built-in, or a saved one the actor may see, else `not_found`. */
export async function getTemplateView(ctx: ServiceContext, actor: UserActor, id: string, lang: Language): Promise<TemplateView> {
  const found = (await listTemplateViews(ctx, actor, lang)).find((t) => t.id === id);
  if (!found) throw new AppError('not_found', `no template ${id}`);
  return found;
}

/**
 * Share a saved template with every facilitator, or make it private again. Its owner decides
 * (admins and the secretariat too); another facilitator cannot even tell a private one exists.
 */
export async function setTemplateSharing(ctx: ServiceContext, actor: UserActor, id: string, shared: boolean, lang: Language): Promise<TemplateView> {
  const row = await findTemplateById(ctx.db, id);
  if (!row || !maySeeTemplate(actor, row)) throw new AppError('not_found', `no template ${id}`);
  const role = row.space_id === null ? actor.role : spaceRoleOf(actor, row.space_id);
  if (role === 'facilitator' && row.owner_id !== actor.userId) throw new AppError('forbidden', 'only its owner shares a template');
  await updateTemplateSharing(ctx.db, row.id, shared);
  await recordAudit(ctx, actor, 'template.share', { target: row.id, detail: { shared } });
  return getTemplateView(ctx, actor, row.id, lang);
}
