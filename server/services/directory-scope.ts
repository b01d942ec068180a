import { findOrganization, type OrganizationRow } from '../../db/repositories/organizations.repository';
import { findResource, type ResourceRow } from '../../db/repositories/resources.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { requireSpaceAccess, type SpaceNeed } from './spaces.service';

/**
 * Who changed a directory entry, as the change log records it: an account (`user:<id>`) or the
 * holder of an organisation's update link (`link:<organisation id>`).
 */
export interface DirectoryEditor {
  by: string;
  name: string;
}

/** The editor an account is. */
export function accountEditor(actor: UserActor): DirectoryEditor {
  return { by: `user:${actor.userId}`, name: actor.displayName };
}

/**
 * An organisation the account may read (`read`: any member of its space) or change (`manage`:
 * the space's secretariat, an admin). Another space's organisation is a 404, like a missing one.
 */
export async function organizationFor(ctx: ServiceContext, actor: UserActor, id: string, need: SpaceNeed): Promise<OrganizationRow> {
  const org = await findOrganization(ctx.db, id);
  if (!org) throw new AppError('not_found', 'no such organisation');
  await requireSpaceAccess(ctx, actor, org.space_id, need).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'not_found' ? new AppError('not_found', 'no such organisation') : error;
  });
  return org;
}

/** A resource the account may read or change, by the same rule as its organisation. */
export async function resourceFor(ctx: ServiceContext, actor: UserActor, id: string, need: SpaceNeed): Promise<{ resource: ResourceRow; organization: OrganizationRow }> {
  const resource = await findResource(ctx.db, id);
  if (!resource) throw new AppError('not_found', 'no such resource');
  const organization = await organizationFor(ctx, actor, resource.organization_id, need).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'not_found' ? new AppError('not_found', 'no such resource') : error;
  });
  return { resource, organization };
}
