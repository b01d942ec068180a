import { randomUUID } from 'node:crypto';
import { listOrganizations } from '../../db/repositories/organizations.repository';
import { insertUpdateLink, revokeUpdateLinks } from '../../db/repositories/update-links.repository';
import type { UpdateLinksBatchInput } from '../../shared/schemas/directory';
import type { UserActor } from '../auth/policy';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { requireSpaceAccess } from './spaces.service';
import { canMailLinks, mailUpdateLink, updateLinkLetter } from './update-links-mail';
import { UPDATE_LINK_DAYS, updateLinkUrl } from './update-links.service';

/** One organisation's new link in a batch, and whether it went by mail. */
export interface BatchLink {
  organizationId: string;
  name: string;
  url: string;
  expiresAt: string;
  mailedTo?: string;
  mailError?: string;
}

/**
 * `POST /api/spaces/:id/update-links` (the space's secretariat): a new personal link for every
 * organisation asked for (by default every one still a member), each replacing its old one, in
 * one transaction. With `mail`, each organisation with an e-mail address is mailed its letter;
 * the rest (and any mail refused) are for the printed letters. The URLs are answered this once.
 */
export async function createUpdateLinksForSpace(ctx: ServiceContext, actor: UserActor, spaceId: string, input: UpdateLinksBatchInput): Promise<{ links: BatchLink[] }> {
  const space = await requireSpaceAccess(ctx, actor, spaceId, 'manage');
  if (input.mail && !canMailLinks(ctx)) throw new AppError('bad_request', 'mail: no SMTP server is configured (SMTP_URL)');
  const all = await listOrganizations(ctx.db, space.id);
  const asked = input.organizationIds ? new Set(input.organizationIds) : null;
  const chosen = all.filter((o) => (asked ? asked.has(o.id) : o.status === 'active'));
  if (asked && chosen.length !== asked.size) throw new AppError('not_found', 'organizationIds: an organisation that is not in this space');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + UPDATE_LINK_DAYS * 86400_000).toISOString();
  const links: BatchLink[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (const org of chosen) {
      const token = newToken();
      await revokeUpdateLinks(trx, org.id, now.toISOString());
      await insertUpdateLink(trx, { id: randomUUID(), token_hash: hashToken(token), organization_id: org.id, created_by: actor.userId, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, last_used_at: null });
      links.push({ organizationId: org.id, name: org.name, url: updateLinkUrl(ctx, token), expiresAt });
    }
  });
  if (!input.mail) return { links };
  // One after another: a city's mail server takes a few hundred letters without being hurried.
  for (const [i, org] of chosen.entries()) {
    if (!org.email) continue;
    const link = links[i];
    const result = await mailUpdateLink(ctx, org.email, updateLinkLetter({ spaceName: space.name, organizationName: org.name, url: link.url, expiresAt }));
    if (result.sent) link.mailedTo = org.email;
    else link.mailError = result.message;
  }
  return { links };
}
