import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import './styles/app.css';
import './styles/kit.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyInitialTheme } from './app/theme';
import { registerOfflineReloadAfterLoad } from './platform/offlineReload';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
applyInitialTheme();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline reloads (a service worker on https and loopback): registered once it no longer competes with joining.
registerOfflineReloadAfterLoad();
