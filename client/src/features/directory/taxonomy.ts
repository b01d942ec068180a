import { directoryApi, type Taxonomy, taxonomyOf } from '../../api/directory';
import { ApiError } from '../../api/http';
import { useLoad } from '../../app/use-load';

/** The installation's default labels, used when the server has no list of the space's own. */
export const DEFAULT_TAXONOMY: Taxonomy = {
  categories: ['居場所', '食事・食料', '相談', '学習支援', '見守り', '移動支援', '就労支援', 'ボランティア', '場所の貸出', '物品の提供'],
  audiences: ['こども', '子育て世帯', '高齢者', '障がいのある人', 'ひとり親', '生活困窮', '外国籍', '誰でも'],
  districts: [],
};

/** The space's categories, audiences and districts (the defaults until they come, or when the space has none). */
export function useTaxonomy(space: string): Taxonomy {
  const [loaded] = useLoad(
    () =>
      space
        ? directoryApi.taxonomies(space).then(taxonomyOf, (error: unknown) => {
            if (error instanceof ApiError && error.status === 404) return DEFAULT_TAXONOMY;
            throw error;
          })
        : Promise.resolve(DEFAULT_TAXONOMY),
    [space],
  );
  if (loaded.state !== 'done') return DEFAULT_TAXONOMY;
  return withDefaults(loaded.value);
}

/** A space's lists, with the defaults for a facet the space left empty. */
export function withDefaults(value: Partial<Taxonomy>): Taxonomy {
  return {
    categories: value.categories?.length ? value.categories : DEFAULT_TAXONOMY.categories,
    audiences: value.audiences?.length ? value.audiences : DEFAULT_TAXONOMY.audiences,
    districts: value.districts ?? [],
  };
}
