import { useTranslation } from 'react-i18next';
import { chooseSpace, useWorkingSpace } from './working-space';
import './spaces.css';

/**
 * For an account that works in several spaces: which one the screens show. Nothing for an
 * account in one space (or none), so single-initiative installations see no change.
 */
export function SpaceSwitcher({ id = 'space-switcher' }: { id?: string }) {
  const { t } = useTranslation();
  const { spaces, space } = useWorkingSpace();
  if (!spaces || spaces.length < 2 || !space) return null;
  return (
    <div className="space-switcher no-print">
      <label htmlFor={id}>{t('spaces.switchLabel')}</label>
      <select id={id} value={space.id} onChange={(e) => chooseSpace(e.target.value)}>
        {spaces.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
