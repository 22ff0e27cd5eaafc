import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import './styles/app.css';
import './styles/kit.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyInitialTheme } from './app/theme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
applyInitialTheme();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline reloads: browsers allow service workers on https and loopback only (not on a plain-HTTP LAN).
if ('serviceWorker' in navigator && window.isSecureContext && !window.workshopKit && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
