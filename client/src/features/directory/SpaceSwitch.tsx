import { useTranslation } from 'react-i18next';
import type { SpaceRef } from '../../api/directory';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import { useWorkingSpace } from '../spaces/working-space';

/**
 * The space (initiative) the directory screens work in: the one the secretariat menu's switcher
 * shows (chosen last on this device if the account still has it, else its first). `space` is
 * null until the list has come.
 */
export function useSpace(): { spaces: SpaceRef[] | null; space: SpaceRef | null; failed: unknown } {
  const working = useWorkingSpace();
  return { spaces: working.spaces, space: working.space, failed: working.failed };
}

/**
 * Which space a screen shows, when the menu has no switcher to say it (an account in one space),
 * and why there is nothing to show (loading, failed, no space).
 */
export function SpaceSwitch({ state }: { state: ReturnType<typeof useSpace> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (state.failed) return <LiveMessage tone="error">{errorText(state.failed)}</LiveMessage>;
  if (!state.spaces) return <p className="muted">{t('common.loading')}</p>;
  if (!state.space) return <p className="message message-error">{t('dir.noSpace')}</p>;
  // Several spaces: the switcher in the secretariat menu names the chosen one.
  if (state.spaces.length > 1) return null;
  return <p className="hint">{t('dir.inSpace', { name: state.space.name })}</p>;
}
