import { useEffect, useSyncExternalStore } from 'react';
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

// The own types of the session a board page shows (its space's), by language; one session a page.
const sessionLabels = new Map<string, Labels>();
const sessionPending = new Set<string>();

/**
 * Load the own organisation types of the token's session's space, so every card on the page
 * names its author's type (a space's own type is not in the installation's list). Call once on
 * a page that shows a session's boards (phone, projector, facilitator).
 */
export function useSessionOrganizationTypes(token: string | undefined): void {
  const language = currentLanguage();
  const key = token ? `${token}:${language}` : '';
  useEffect(() => {
    if (!token || sessionLabels.has(key) || sessionPending.has(key)) return;
    sessionPending.add(key);
    api
      .sessionOrganizationTypes(token, language)
      .then((list) => sessionLabels.set(key, new Map(list.map((t) => [t.id, t.label]))))
      .catch(() => sessionLabels.set(key, new Map()))
      .finally(() => {
        sessionPending.delete(key);
        for (const listener of listeners) listener();
      });
  }, [token, language, key]);
  // Re-render the page once they are in (cards read them through peekOrganizationTypeLabel).
  useSyncExternalStore(subscribe, () => sessionLabels.get(key));
}

/**
 * The stored label of an active type without subscribing (for the card footer a board repeats a
 * thousand times): starts the load and gives undefined until it is in; the next render has it.
 */
export function peekOrganizationTypeLabel(id: string): string | undefined {
  const language = currentLanguage();
  ensure('active', language);
  const installation = loaded.get(`active:${language}`)?.get(id);
  if (installation !== undefined) return installation;
  for (const [key, labels] of sessionLabels) if (key.endsWith(`:${language}`) && labels.has(id)) return labels.get(id);
  return undefined;
}
