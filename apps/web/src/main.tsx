import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App';
import { prefetchDeepLink } from './app/deep-link';
import { bootSession, SessionProvider } from './auth/session';
import { I18nProvider, initialLang } from './i18n/I18n';
// NL Design System: the Utrecht CSS components and design tokens, with the theme's font bundled.
import '@fontsource-variable/noto-sans/index.css';
import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css/dist/index.css';
import './styles.css';

const boot = bootSession();
if (boot) prefetchDeepLink(boot.client, window.location.pathname, initialLang(), boot.role);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
