import { useContext, useEffect, useRef, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { Button } from '../components/ui';
import { useI18n } from '../i18n/I18n';
import { IdentityContext } from './Identity';
import { navFor } from './nav';

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'nl' ? 'en' : 'nl';
  return (
    <Button onClick={() => setLang(other)} lang={other} aria-label={t('switchLanguageLabel')}>
      {t('switchLanguage')}
    </Button>
  );
}

function Header({ signedIn }: { signedIn: boolean }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const identity = useContext(IdentityContext);
  const ctx = signedIn ? identity : null;
  return (
    <header className="utrecht-page-header">
      <div className="kr-header">
        <div className="kr-header__brand">
          {t('appName')}
          <small>{t('appTagline')}</small>
        </div>
        <div className="kr-header__tools">
          {ctx && <span data-testid="identity">{t('signedInAs', { label: ctx.identity.label, role: t(`role_${ctx.identity.role}`) })}</span>}
          <LanguageSwitch />
          {ctx && <Button onClick={signOut}>{t('signOut')}</Button>}
        </div>
      </div>
      {ctx && (
        <nav className="kr-nav utrecht-nav-bar" aria-label={t('mainNavigation')}>
          <ul className="utrecht-nav-list">
            {navFor(ctx.identity.role).map((n) => (
              <li key={n.to} className="utrecht-nav-list__item">
                <NavLink to={n.to} className="utrecht-nav-list__link utrecht-link">
                  {t(n.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

function Footer({ attribution }: { attribution?: string }) {
  const { t } = useI18n();
  return (
    <footer className="kr-footer utrecht-page-footer">
      {attribution && (
        <p className="utrecht-paragraph">
          {attribution}
        </p>
      )}
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/graphiql">
          {t('footerGraphiql')}
        </a>
      </p>
    </footer>
  );
}

/** Moves focus to the main content on every navigation, so keyboard and screen-reader users land there. */
function Main({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [pathname]);
  return (
    <main id="main" className="kr-main" tabIndex={-1} ref={ref}>
      {children}
    </main>
  );
}

export function Page({ children, signedIn, attribution }: { children: ReactNode; signedIn: boolean; attribution?: string }) {
  const { t } = useI18n();
  return (
    <div className="utrecht-document kr-page">
      <a className="utrecht-skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Header signedIn={signedIn} />
      <Main>{children}</Main>
      <Footer attribution={attribution} />
    </div>
  );
}

