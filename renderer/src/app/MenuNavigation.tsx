/**
 * The desktop app's menu, seen from the page: "Host a session", "Sessions nearby…", "End session…" and Help ask
 * main, and main asks the main window's page to show one of the app's paths (shared/ipc/contract.ts,
 * MENU_NAVIGATE_CHANNEL). Navigating in-app keeps the console's room connection. Nothing in a browser.
 */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { isAppPath } from '../../../shared/ipc/contract';
import { platform } from '../platform/bridge';

export function MenuNavigation() {
  const navigate = useNavigate();
  useEffect(
    () =>
      platform().onMenuNavigate?.((path) => {
        if (isAppPath(path)) void navigate(path);
      }),
    [navigate],
  );
  return null;
}
