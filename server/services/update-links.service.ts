import { randomUUID } from 'node:crypto';
import { findOrganization, type OrganizationRow } from '../../db/repositories/organizations.repository';
import { confirmResourcesOfOrganization, listResourcesOfOrganization } from '../../db/repositories/resources.repository';
import { findUpdateLinkByHash, insertUpdateLink, markUpdateLinkUsed, revokeUpdateLinks } from '../../db/repositories/update-links.repository';
import type { LinkOrganizationPatch, ResourceInput, ResourcePatch } from '../../shared/schemas/directory';
import type { UserActor } from '../auth/policy';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { recordChanges } from './directory-changes';
import { type DirectoryEditor, organizationFor } from './directory-scope';
import { loadTaxonomy, presentTaxonomy } from './directory-taxonomy.service';
import { applyOrganizationPatch, presentOrganization } from './organizations.service';
import { loadSpaceOrganizationTypes } from './organizations-types';
import { addResource, changeResource, dayInJapan, presentResource } from './resources.service';
import { canMailLinks, mailUpdateLink, updateLinkLetter } from './update-links-mail';
import { findSpaceById } from '../../db/repositories/spaces.repository';

/** How long an update link opens its organisation's entries: a year's letter to the members. */
export const UPDATE_LINK_DAYS = 365;

/** Where a member opens its link in the app. */
export function updateLinkUrl(ctx: ServiceContext, token: string): string {
  return `${ctx.publicUrl}/u/${token}`;
}

/**
 * `POST /api/organizations/:id/update-link` (the space's secretariat): a new personal link;
 * the organisation's previous one stops working at once. Only its hash is stored, so the URL
 * is answered this once.
 */
export async function createUpdateLink(ctx: ServiceContext, actor: UserActor, organizationId: string, options: { mail?: boolean } = {}): Promise<UpdateLinkCreated> {
  const org = await organizationFor(ctx, actor, organizationId, 'manage');
  if (options.mail && !canMailLinks(ctx)) throw new AppError('bad_request', 'mail: no SMTP server is configured (SMTP_URL)');
  if (options.mail && !org.email) throw new AppError('bad_request', 'mail: the organisation has no e-mail address');
  const token = newToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + UPDATE_LINK_DAYS * 86400_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await revokeUpdateLinks(trx, org.id, now.toISOString());
    await insertUpdateLink(trx, { id: randomUUID(), token_hash: hashToken(token), organization_id: org.id, created_by: actor.userId, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, last_used_at: null });
  });
  const url = updateLinkUrl(ctx, token);
  if (!options.mail) return { url, expiresAt };
  const space = await findSpaceById(ctx.db, org.space_id);
  const result = await mailUpdateLink(ctx, org.email, updateLinkLetter({ spaceName: space?.name ?? '', organizationName: org.name, url, expiresAt }));
  return result.sent ? { url, expiresAt, mailedTo: org.email } : { url, expiresAt, mailError: result.message };
}

/** The new link, and whether it was mailed. */
export interface UpdateLinkCreated {
  url: string;
  expiresAt: string;
  mailedTo?: string;
  mailError?: string;
}

/** `DELETE /api/organizations/:id/update-link`: the open link stops working (nothing open: nothing to do). */
export async function revokeUpdateLink(ctx: ServiceContext, actor: UserActor, organizationId: string): Promise<void> {
  const org = await organizationFor(ctx, actor, organizationId, 'manage');
  // The link row keeps who created it and when it was revoked: the secretariat's record of it.
  await revokeUpdateLinks(ctx.db, org.id, ctx.now().toISOString());
}

/**
 * The organisation a link token opens. An unknown token is a 404; a revoked or expired one a
 * 410 `link_expired`, so the member's page can say "ask the secretariat for a new link".
 */
export async function organizationOfLink(ctx: ServiceContext, token: string): Promise<{ org: OrganizationRow; editor: DirectoryEditor }> {
  const link = await findUpdateLinkByHash(ctx.db, hashToken(token));
  if (!link) throw new AppError('not_found', 'no such update link');
  const now = ctx.now().toISOString();
  if (link.revoked_at !== null || link.expires_at <= now) throw new AppError('link_expired', 'this update link was replaced, revoked or has expired; ask the secretariat for a new one');
  const org = await findOrganization(ctx.db, link.organization_id);
  if (!org) throw new AppError('not_found', 'no such update link');
  await markUpdateLinkUsed(ctx.db, link.id, now);
  return { org, editor: { by: `link:${org.id}`, name: org.name } };
}

/** `GET /api/update-links/:token`: the organisation, its resources, and the terms and types to choose from. */
export async function getLinkView(ctx: ServiceContext, token: string) {
  const { org } = await organizationOfLink(ctx, token);
  const now = ctx.now();
  const [taxonomy, types, resources] = await Promise.all([loadTaxonomy(ctx.db, org.space_id), loadSpaceOrganizationTypes(ctx, org.space_id), listResourcesOfOrganization(ctx.db, org.id)]);
  return {
    organization: presentOrganization(ctx, org, taxonomy),
    resources: resources.map((r) => presentResource(ctx, r, taxonomy, now)),
    taxonomies: presentTaxonomy(taxonomy),
    organizationTypes: types.offered.map((t) => ({ id: t.id, label: t.labelJa })),
  };
}

/** `PATCH /api/update-links/:token/organization`: the member's own details (not its membership, type or status). */
export async function patchOrganizationByLink(ctx: ServiceContext, token: string, patch: LinkOrganizationPatch) {
  const { org, editor } = await organizationOfLink(ctx, token);
  return applyOrganizationPatch(ctx, org, patch, editor);
}

/** `POST /api/update-links/:token/resources`: the member adds an entry. */
export async function addResourceByLink(ctx: ServiceContext, token: string, input: ResourceInput): Promise<{ id: string }> {
  const { org, editor } = await organizationOfLink(ctx, token);
  return addResource(ctx, org, input, editor);
}

/** `PATCH /api/update-links/:token/resources/:resourceId`: the member changes one of its own entries. */
export async function patchResourceByLink(ctx: ServiceContext, token: string, resourceId: string, patch: ResourcePatch) {
  const { org, editor } = await organizationOfLink(ctx, token);
  return changeResource(ctx, org, resourceId, patch, editor);
}

/**
 * `POST /api/update-links/:token/confirm` — "内容は正しいです": every entry of the organisation is
 * confirmed today (Japan time), each renewal recorded in the history.
 */
export async function confirmByLink(ctx: ServiceContext, token: string): Promise<{ confirmedOn: string; resources: number }> {
  const { org, editor } = await organizationOfLink(ctx, token);
  const now = ctx.now();
  const day = dayInJapan(now);
  const at = now.toISOString();
  const count = await ctx.db.transaction().execute(async (trx) => {
    const resources = await listResourcesOfOrganization(trx, org.id);
    for (const r of resources) {
      await recordChanges(trx, { spaceId: org.space_id, organizationId: org.id, entity: 'resource', entityId: r.id }, { lastConfirmedOn: r.last_confirmed_on }, { lastConfirmedOn: day }, ['lastConfirmedOn'], editor, at);
    }
    await confirmResourcesOfOrganization(trx, org.id, day, at);
    return resources.length;
  });
  return { confirmedOn: day, resources: count };
}
