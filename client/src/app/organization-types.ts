import { useSyncExternalStore } from 'react';
import type { OrganizationTypeOption } from '../../../shared/organization-types';
import { api } from '../api/endpoints';
import { organizationTypesApi } from '../api/organization-types';
import { currentLanguage } from './i18n';
import { ownSpaceTypeOptions } from '../features/spaces/spaces-api';

type Scope = 'active' | 'all';
type Labels = ReadonlyMap<string, string>;

// One fetch per scope and language per page load: every label on a screen reads the same list.
const loaded = new Map<string, Labels>();
const pending = new Set<string>();
const listeners = new Set<() => void>();

// The language is asked for explicitly: the labels are cached per UI language, which the person
// may have switched away from the browser's.
function fetchLabels(scope: Scope, language: string): Promise<OrganizationTypeOption[]> {
  if (scope === 'active') return api.organizationTypes(language);
  // Accounts also see the types the spaces they work in added (an installation type's label wins).
  return Promise.all([ownSpaceTypeOptions(language), organizationTypesApi.listAll(language)]).then(([own, all]) => [...own, ...all]);
}

function ensure(scope: Scope, language: string): void {
  const key = `${scope}:${language}`;
  if (loaded.has(key) || pending.has(key)) return;
  pending.add(key);
  fetchLabels(scope, language)
    .then((list) => loaded.set(key, new Map(list.map((t) => [t.id, t.label]))))
    // Without the list, labels fall back to the built-in texts; nothing to show the person.
    .catch(() => loaded.set(key, new Map()))
    .finally(() => {
      pending.delete(key);
      for (const listener of listeners) listener();
    });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The stored labels of organisation types (the admin may rename or add them), in the UI
 * language: `active` is what the join page offers; `all` (accounts only) has retired types too,
 * for past figures. Undefined until loaded; callers fall back to the built-in texts.
 */
export function useStoredOrganizationTypeLabels(scope: Scope): Labels | undefined {
  const language = currentLanguage();
  ensure(scope, language);
  return useSyncExternalStore(subscribe, () => loaded.get(`${scope}:${language}`));
}

/** Forget the loaded labels (after the admin changed a type), so screens read them again. */
export function forgetOrganizationTypeLabels(): void {
  loaded.clear();
  for (const listener of listeners) listener();
}

/**
 * The stored label of an active type without subscribing (for the card footer a board repeats a
 * thousand times): starts the load and gives undefined until it is in; the next render has it.
 */
export function peekOrganizationTypeLabel(id: string): string | undefined {
  const language = currentLanguage();
  ensure('active', language);
  return loaded.get(`active:${language}`)?.get(id);
}
