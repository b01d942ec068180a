import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Any path the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="stack narrow">
      <h1>{t('error.not_found')}</h1>
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}
