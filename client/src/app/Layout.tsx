import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageToggle } from '../components/LanguageToggle';
import { Later } from '../components/Later';
// The phone pages' spacing (join, board, survey) is loaded with them: they are what opens first.
import '../features/participant/participant.css';

/** Every screen: a skip link, the app name (home), the language switch, then the page. */
export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After a navigation, start a screen reader (and the Tab key) at the new page's content.
  useEffect(() => {
    if (pathname === shownPath.current) return;
    shownPath.current = pathname;
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="app-name">
          {t('app.name')}
        </Link>
        <nav aria-label={t('language.label')}>
          <LanguageToggle />
        </nav>
      </header>
      <main id="main" ref={main} className="app-main" tabIndex={-1}>
        {/* Screens other than the participant's load on first visit (see router.tsx). */}
        <Later>
          <Outlet />
        </Later>
      </main>
    </>
  );
}
