import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { insertTermsIfMissing, listTerms, type TermRow, updateTerm } from '../../db/repositories/resources.repository';
import { TAXONOMY_FACETS, type TaxonomiesView, type TaxonomyFacet } from '../../shared/schemas/directory';
import { foldText } from '../../shared/search/fold';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { requireSpaceAccess } from './spaces.service';

type Db = Kysely<Database> | Transaction<Database>;

/** What every space starts with (issue 14); districts are the space's own, added as they are named. */
const DEFAULT_TERMS: Readonly<Record<'categories' | 'audiences', ReadonlyArray<[id: string, label: string]>>> = {
  categories: [
    ['ibasho', '居場所'],
    ['food', '食事・食料'],
    ['consultation', '相談'],
    ['learning', '学習支援'],
    ['watching', '見守り'],
    ['mobility', '移動支援'],
    ['employment', '就労支援'],
    ['volunteer', 'ボランティア'],
    ['space-rental', '場所の貸出'],
    ['goods', '物品の提供'],
  ],
  audiences: [
    ['children', 'こども'],
    ['families', '子育て世帯'],
    ['elderly', '高齢者'],
    ['disabilities', '障がいのある人'],
    ['single-parents', 'ひとり親'],
    ['low-income', '生活困窮'],
    ['foreign-residents', '外国籍'],
    ['everyone', '誰でも'],
  ],
};

/** A space's taxonomies, read once per request: label ↔ id both ways. */
export interface Taxonomy {
  terms: Record<TaxonomyFacet, TermRow[]>;
  /** Labels of stored ids (retired terms too); an unknown id reads as itself. */
  labels(facet: TaxonomyFacet, ids: readonly string[]): string[];
}

/** Read a space's taxonomies, adding the default categories and audiences the first time. */
export async function loadTaxonomy(db: Db, spaceId: string): Promise<Taxonomy> {
  let rows = await listTerms(db, spaceId);
  if (!rows.some((r) => r.facet === 'categories')) {
    const seed = (facet: 'categories' | 'audiences') => DEFAULT_TERMS[facet].map(([id, label], i) => ({ space_id: spaceId, facet, id, label, position: (i + 1) * 10, retired_at: null }));
    await insertTermsIfMissing(db, [...seed('categories'), ...seed('audiences')]);
    rows = await listTerms(db, spaceId);
  }
  const terms = { categories: [], audiences: [], districts: [] } as Record<TaxonomyFacet, TermRow[]>;
  for (const row of rows) if ((TAXONOMY_FACETS as readonly string[]).includes(row.facet)) terms[row.facet as TaxonomyFacet].push(row);
  // Looked up in the lists, not a map made now: resolveLabels adds districts to them as it goes.
  return { terms, labels: (facet, ids) => ids.map((id) => terms[facet].find((t) => t.id === id)?.label ?? id) };
}

/**
 * Term ids for labels given by a client. Categories and audiences must be terms of the space
 * (a retired one is refused); a district not yet known is added, since districts are the
 * space's place names and a member's entry is how the list grows. Labels compare folded.
 */
export async function resolveLabels(db: Db, spaceId: string, taxonomy: Taxonomy, facet: TaxonomyFacet, labels: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const label of labels) {
    const found = taxonomy.terms[facet].find((t) => foldText(t.label) === foldText(label));
    if (found && found.retired_at === null) {
      if (!ids.includes(found.id)) ids.push(found.id);
      continue;
    }
    if (facet !== 'districts') throw new AppError('bad_request', `${facet}: 「${label.slice(0, 60)}」 is not a ${facet === 'categories' ? 'category' : 'audience'} of this space`);
    if (found) await updateTerm(db, spaceId, facet, found.id, { retired_at: null });
    const row = found ?? { space_id: spaceId, facet, id: randomUUID().slice(0, 12), label, position: (taxonomy.terms.districts.length + 1) * 10, retired_at: null };
    if (!found) {
      await insertTermsIfMissing(db, [row]);
      taxonomy.terms.districts.push(row);
    }
    if (!ids.includes(row.id)) ids.push(row.id);
  }
  return ids;
}

/** `GET /api/spaces/:id/taxonomies`: every term, retired ones flagged (they still name old entries). */
export async function getTaxonomies(ctx: ServiceContext, actor: UserActor, spaceId: string): Promise<TaxonomiesView> {
  await requireSpaceAccess(ctx, actor, spaceId, 'read');
  return presentTaxonomy(await loadTaxonomy(ctx.db, spaceId));
}

/** The taxonomies as answered. */
export function presentTaxonomy(taxonomy: Taxonomy): TaxonomiesView {
  const view = (facet: TaxonomyFacet) => taxonomy.terms[facet].map((t) => ({ id: t.id, label: t.label, retired: t.retired_at !== null }));
  return { categories: view('categories'), audiences: view('audiences'), districts: view('districts') };
}

/**
 * `PUT /api/spaces/:id/taxonomies/:facet` (the space's secretariat): the list in its new order.
 * A term given with its id is kept (and renamed); one without an id is added; a stored term
 * left out is retired, not deleted, so entries that carry it still read it.
 */
export async function putTaxonomy(ctx: ServiceContext, actor: UserActor, spaceId: string, facet: TaxonomyFacet, input: { terms: Array<{ id?: string; label: string }> }): Promise<TaxonomiesView> {
  await requireSpaceAccess(ctx, actor, spaceId, 'manage');
  const folded = input.terms.map((t) => foldText(t.label));
  if (new Set(folded).size !== folded.length) throw new AppError('bad_request', 'terms: a label is given twice');
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const taxonomy = await loadTaxonomy(trx, spaceId);
    const stored = new Map(taxonomy.terms[facet].map((t) => [t.id, t]));
    for (const term of input.terms) if (term.id !== undefined && !stored.has(term.id)) throw new AppError('bad_request', `terms: no term ${term.id.slice(0, 40)} in ${facet}`);
    const kept = new Set(input.terms.map((t) => t.id).filter((id): id is string => id !== undefined));
    for (const [index, term] of input.terms.entries()) {
      const position = (index + 1) * 10;
      if (term.id !== undefined) await updateTerm(trx, spaceId, facet, term.id, { label: term.label, position, retired_at: null });
      else await insertTermsIfMissing(trx, [{ space_id: spaceId, facet, id: randomUUID().slice(0, 12), label: term.label, position, retired_at: null }]);
    }
    for (const term of stored.values()) if (!kept.has(term.id) && term.retired_at === null) await updateTerm(trx, spaceId, facet, term.id, { retired_at: now });
  });
  return presentTaxonomy(await loadTaxonomy(ctx.db, spaceId));
}
