import { useTranslation } from 'react-i18next';
import { ORGANIZATION_TYPES } from '../../../../shared/organization-type-ids';
import { useStoredOrganizationTypeLabels } from '../../app/organization-types';
import type { TextKey } from '../../../../shared/i18n';
import type { ActionStatus } from '../../../../shared/schemas/consensus';

/** Organisation type ids in the order the join page offers them; ids the build does not know come last. */
export function orderOrganizationTypes(ids: Iterable<string>): string[] {
  const set = new Set(ids);
  const known = ORGANIZATION_TYPES.filter((id) => set.has(id));
  return [...known, ...[...set].filter((id) => !(ORGANIZATION_TYPES as readonly string[]).includes(id)).sort()];
}

/** The words the secretariat screens show for ids and figures, in the UI language. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const lookup = (key: string, fallback: string) => (i18n.exists(key) ? t(key as TextKey) : fallback);
  const stored = useStoredOrganizationTypeLabels('all');
  return {
    // The stored label (renamed, added or retired types too), else the built-in text.
    organizationType: (id: string) => stored?.get(id) ?? lookup(`organizationType.${id}`, id),
    actionStatus: (status: ActionStatus) => t(`actionStatus.${status}`),
    cardKind: (kind: string) => lookup(`cardKind.${kind}`, kind),
    /** A percentage with the one decimal the server computed: 83.3%. */
    percent: (value: number | null) => (value === null ? '—' : t('secretariat.percent', { value: value.toFixed(1) })),
    /** The number of a percentage alone, for texts that carry their own % sign. */
    decimal: (value: number) => value.toFixed(1),
    people: (count: number) => t('secretariat.people', { count }),
    /** "NPO 5人、企業 3人": a chart's figures for its accessible name. */
    summary: (pairs: Array<[string, string | number]>) => pairs.map(([label, value]) => t('secretariat.pair', { label, value })).join(t('secretariat.listSeparator')),
  };
}
