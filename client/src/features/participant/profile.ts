/**
 * The name and organisation type a person chose to keep on this phone for their next workshop.
 * Only on the device (localStorage), only when they ticked the box, and gone with "forget".
 */
export interface RememberedProfile {
  displayName: string;
  organizationType: string;
}

const KEY = 'yoriai.profile';

/** What this phone remembers, if the person asked it to. */
export function readProfile(): RememberedProfile | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return null;
    const { displayName, organizationType } = parsed as Record<string, unknown>;
    return typeof displayName === 'string' && typeof organizationType === 'string' ? { displayName, organizationType } : null;
  } catch {
    return null;
  }
}

/** Keep the profile on this phone. */
export function rememberProfile(profile: RememberedProfile): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(profile));
  } catch {
    // Storage refused (private mode): the person types it again next time.
  }
}

/** Forget the profile. */
export function forgetProfile(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
