import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hubConnection } from '../api/index.js';
import { App } from './App.js';
import { languageFor } from './i18n/languages.js';
import { applyLanguage, setupI18n } from './i18n/setup.js';
import { getPreferences } from './settings/preferences.js';
import { applyTheme } from './settings/theme.js';
import './styles/base.css';
import './styles/shell.css';

setupI18n();
const preferences = getPreferences();
applyTheme(preferences.theme);
// Open the live stream first: it runs while the language's strings load.
hubConnection();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const render = (): void =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// Render in the chosen language (one small chunk) rather than flash English first; English needs no wait.
applyLanguage(preferences.language ?? languageFor(navigator.languages)).then(render, render);
