import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { SpaceSwitcher } from '../spaces/SpaceSwitcher';

/** The secretariat area's own menu (not printed). */
export function SecretariatNav() {
  const { t } = useTranslation();
  return (
    <nav className="link-row secretariat-nav no-print" aria-label={t('secretariat.navLabel')}>
      <NavLink to="/secretariat/archive">{t('secretariat.archive')}</NavLink>
      <NavLink to="/secretariat/actions">{t('secretariat.register')}</NavLink>
      <NavLink to="/secretariat/stats">{t('secretariat.stats')}</NavLink>
      <NavLink to="/secretariat/organization-types">{t('orgTypes.nav')}</NavLink>
      <NavLink to="/secretariat/organizations">{t('dir.nav.organizations')}</NavLink>
      <NavLink to="/secretariat/directory">{t('dir.nav.directory')}</NavLink>
      <NavLink to="/secretariat/spaces">{t('spaces.nav')}</NavLink>
      <Link to="/facilitator">{t('secretariat.sessions')}</Link>
      <SpaceSwitcher id="secretariat-space" />
    </nav>
  );
}
