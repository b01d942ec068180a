import { listSpaceOrganizationTypes, type SpaceRow } from '../../db/repositories/spaces.repository';
import type { MembershipKind } from '../../shared/schemas/directory';
import { foldText } from '../../shared/search/fold';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { listAllOrganizationTypes } from './organization-types.service';
import { readSpaceSettings } from './spaces.service';

/** The organisation types a space's members may be filed under, with both labels. */
export interface SpaceOrganizationTypes {
  /** Offered types (installation ones minus those the space retired, plus its own). */
  offered: Array<{ id: string; labelJa: string; labelEn: string }>;
  /** Ja label of any type ever known here (retired too), else the id. */
  labelOf(id: string): string;
  /** The id of a type named by its Japanese or English label or its id; undefined if none is offered. */
  idOf(labelOrId: string): string | undefined;
}

/** Read the types of a space once (for a page, an import, an export). */
export async function loadSpaceOrganizationTypes(ctx: ServiceContext, spaceId: string): Promise<SpaceOrganizationTypes> {
  const [installation, changes] = await Promise.all([listAllOrganizationTypes(ctx, 'ja'), listSpaceOrganizationTypes(ctx.db, spaceId)]);
  const retired = new Set(changes.filter((c) => c.change === 'retired').map((c) => c.type_id));
  const own = changes.filter((c) => c.change === 'added').map((c) => ({ id: c.type_id, labelJa: c.label_ja ?? c.type_id, labelEn: c.label_en ?? c.type_id, retired: false }));
  const all = [...installation, ...own];
  const offered = [...installation.filter((t) => !t.retired && !retired.has(t.id)), ...own].map(({ id, labelJa, labelEn }) => ({ id, labelJa, labelEn }));
  const names = new Map<string, string>();
  for (const t of offered) for (const name of [t.id, t.labelJa, t.labelEn]) if (!names.has(foldText(name))) names.set(foldText(name), t.id);
  const labels = new Map(all.map((t) => [t.id, t.labelJa]));
  return { offered, labelOf: (id) => labels.get(id) ?? id, idOf: (name) => names.get(foldText(name.trim())) };
}

/** Refuse a type id the space does not offer (400). */
export function assertOfferedType(types: SpaceOrganizationTypes, id: string): void {
  if (!types.offered.some((t) => t.id === id)) throw new AppError('bad_request', `organizationType: ${id.slice(0, 40)} is not an organisation type of this space`);
}

/** The membership kinds a space uses (its settings), with なし always allowed. */
export function membershipKindsOf(ctx: ServiceContext, space: SpaceRow): ReadonlySet<MembershipKind> {
  return new Set<MembershipKind>([...readSpaceSettings(ctx, space).membershipKinds, 'none']);
}

/** Refuse a membership kind the space does not use (400). */
export function assertMembershipInUse(kinds: ReadonlySet<MembershipKind>, kind: MembershipKind): void {
  if (!kinds.has(kind)) throw new AppError('bad_request', `membership: this space does not use the kind ${kind}`);
}
