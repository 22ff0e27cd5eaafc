import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAllowedNavigation, isTrustedSender, secureWebPreferences } from './security';

describe('secureWebPreferences', () => {
  it('keeps every item of the Electron security checklist on', () => {
    const prefs = secureWebPreferences('/app/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('isAllowedNavigation', () => {
  const origins = ['http://127.0.0.1:8737'];
  it('allows our own origin and nothing else', () => {
    expect(isAllowedNavigation('http://127.0.0.1:8737/kit/agenda', origins)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:8738/', origins)).toBe(false);
    expect(isAllowedNavigation('https://127.0.0.1:8737/', origins)).toBe(false);
    expect(isAllowedNavigation('http://evil.example/', origins)).toBe(false);
    expect(isAllowedNavigation('http://user:pw@127.0.0.1:8737/', origins)).toBe(false);
  });
  it('refuses other schemes and garbage', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'not a url', '']) {
      expect(isAllowedNavigation(url, origins)).toBe(false);
    }
  });
});

describe('externalUrlToOpen', () => {
  it('opens plain web links only', () => {
    expect(externalUrlToOpen('https://mlflow.org/docs')).toBe('https://mlflow.org/docs');
    expect(externalUrlToOpen('http://example.com')).toBe('http://example.com/');
  });
  it('never opens local files, scripts, UNC paths or custom schemes', () => {
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', '\\\\server\\share\\x.exe', 'smb://server/share', 'ms-msdt:/id', 'vscode://x', 'https://user:pass@example.com/', 'data:text/html,<script>']) {
      expect(externalUrlToOpen(url)).toBeNull();
    }
  });
});

describe('isTrustedSender', () => {
  it('answers IPC only for frames on our origin', () => {
    expect(isTrustedSender('http://127.0.0.1:8737/', ['http://127.0.0.1:8737'])).toBe(true);
    expect(isTrustedSender(undefined, ['http://127.0.0.1:8737'])).toBe(false);
    expect(isTrustedSender('http://192.168.1.9:8737/', ['http://127.0.0.1:8737'])).toBe(false);
  });
});
