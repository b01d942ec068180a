import { useEffect, useSyncExternalStore } from 'react';
import type { SpaceRef } from '../../../../shared/schemas/spaces';
import { spacesApi } from './spaces-api';

// The same key as the directory screens, so one choice holds on every screen of this device.
const STORAGE_KEY = 'yoriai.space';

interface State {
  spaces: SpaceRef[] | null;
  failed: unknown;
  chosen: string | null;
}

let state: State = { spaces: null, failed: null, chosen: readStored() };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function set(next: Partial<State>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function load(): void {
  loading ??= spacesApi.list().then(
    (spaces) => set({ spaces, failed: null }),
    (failed: unknown) => {
      loading = null;
      set({ failed });
    },
  );
}

/** Read the account's spaces again (after the admin created one or changed appointments). */
export function reloadSpaces(): void {
  loading = null;
  load();
}

/** Choose the space the screens work in; kept on this device. */
export function chooseSpace(id: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // A private window keeps no storage: the choice lasts for this page only.
  }
  set({ chosen: id });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** What the screens need of the working space: the list, the chosen one (else the first), and whether it matters. */
export interface WorkingSpace {
  spaces: SpaceRef[] | null;
  failed: unknown;
  /** The chosen space when the account still has it, else its first; null until loaded or when it has none. */
  space: SpaceRef | null;
  /** The id lists and new sessions are scoped to: only when the account works in several spaces. */
  scopeId: string | undefined;
}

/** The space the facilitator and secretariat screens work in (one list for the whole page). */
export function useWorkingSpace(): WorkingSpace {
  useEffect(load, []);
  const current = useSyncExternalStore(subscribe, () => state);
  const space = current.spaces ? (current.spaces.find((s) => s.id === current.chosen) ?? current.spaces[0] ?? null) : null;
  const several = (current.spaces?.length ?? 0) > 1;
  return { spaces: current.spaces, failed: current.failed, space, scopeId: several && space ? space.id : undefined };
}
