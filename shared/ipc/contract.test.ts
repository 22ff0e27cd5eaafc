import { describe, expect, it } from 'vitest';
import { isAppPath, NEARBY_PATH } from './contract';

describe('isAppPath (the app menu’s paths, checked by the preload and the page)', () => {
  it('accepts the app’s own paths', () => {
    for (const path of ['/', NEARBY_PATH, '/help#troubleshooting', '/kit/guide', '/console/ABC234#key=abcdefghijklmnop_-12'])
      expect(isAppPath(path), path).toBe(true);
  });

  it('refuses other origins, schemes, protocol-relative and backslash paths, and non-strings', () => {
    for (const path of [
      'https://example.com/',
      '//example.com/x',
      '/\\example.com',
      'javascript:alert(1)',
      'console',
      '/a b',
      `/${'x'.repeat(300)}`,
      null,
      42,
      { path: '/' },
    ])
      expect(isAppPath(path), String(path)).toBe(false);
  });
});
