import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi, type SpaceRef } from '../../api/directory';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';

const STORAGE_KEY = 'yoriai.space';

function storedSpace(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The space (initiative) the secretariat screens work in: the one chosen last on this device if
 * the account still has it, else its first. `null` until the list has come.
 */
export function useSpace(): { spaces: SpaceRef[] | null; space: SpaceRef | null; choose: (id: string) => void; failed: unknown } {
  const [spaces] = useLoad(() => directoryApi.spaces(), []);
  const [chosen, setChosen] = useState<string | null>(storedSpace);
  const list = spaces.state === 'done' ? spaces.value : null;
  const space = list ? (list.find((s) => s.id === chosen) ?? list[0] ?? null) : null;
  const choose = (id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // A private window keeps no storage: the choice lasts for this page only.
    }
  };
  return { spaces: list, space, choose, failed: spaces.state === 'failed' ? spaces.error : null };
}

/** A choice of space when the account works in several; a line naming it otherwise. */
export function SpaceSwitch({ state }: { state: ReturnType<typeof useSpace> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (state.failed) return <LiveMessage tone="error">{errorText(state.failed)}</LiveMessage>;
  if (!state.spaces) return <p className="muted">{t('common.loading')}</p>;
  if (!state.space) return <p className="message message-error">{t('dir.noSpace')}</p>;
  if (state.spaces.length === 1) return <p className="hint">{t('dir.inSpace', { name: state.space.name })}</p>;
  return (
    <div className="field no-print">
      <label htmlFor="dir-space">{t('dir.space')}</label>
      <select id="dir-space" value={state.space.id} onChange={(e) => state.choose(e.target.value)}>
        {state.spaces.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
