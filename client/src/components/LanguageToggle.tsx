import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../app/i18n';

/** A button that switches between Japanese and English, named in the language it switches to. */
export function LanguageToggle() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'ja' ? 'en' : 'ja';
  return (
    <button type="button" className="button-quiet language-toggle" lang={next} onClick={() => changeLanguage(next)}>
      <span className="visually-hidden" lang={currentLanguage()}>
        {t('language.label')}:{' '}
      </span>
      {t(`language.${next}`)}
    </button>
  );
}
