import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { setupI18n } from './app/i18n';
import { createRouter } from './app/router';
import './app/styles.css';
import './app/screens.css';
import './app/workshop.css';

// Not a top-level await: with one, the bundler splits every module the lazy screens share with
// this file into files of their own, and a phone loads a dozen small files instead of one.
void setupI18n().then((i18n) => {
  const router = createRouter();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RouterProvider router={router} />
      </I18nextProvider>
    </StrictMode>,
  );
});
