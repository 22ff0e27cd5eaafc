import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileCache, resolveInside } from './staticFiles';

describe('resolveInside', () => {
  const root = '/srv/app';
  it('maps paths inside the root', () => {
    expect(resolveInside(root, '/assets/index.js')).toBe('/srv/app/assets/index.js');
    expect(resolveInside(root, 'a%20b.txt')).toBe('/srv/app/a b.txt');
  });
  it('refuses traversal, encoded traversal, NUL, backslashes and dot-files', () => {
    for (const p of ['/../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/a%00.js', '/..\\..\\x', '/.env', '/assets/.git/config', '/%E0%A4%A']) {
      expect(resolveInside(root, p), p).toBeNull();
    }
  });
});

describe('FileCache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wk-static-'));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'big.js'), 'x'.repeat(5000));
  });
  it('reads files, compresses large text, and returns null for folders and missing files', async () => {
    const cache = new FileCache();
    const file = await cache.get(join(dir, 'big.js'));
    expect(file?.type).toBe('text/javascript; charset=utf-8');
    expect(file?.gzip?.length).toBeLessThan(200);
    expect(await cache.get(join(dir, 'sub'))).toBeNull();
    expect(await cache.get(join(dir, 'missing.js'))).toBeNull();
  });
});

describe('FileCache with its root', () => {
  it('does not follow a symbolic link out of the root, and follows one that stays inside', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'wk-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'host key');
    const root = await mkdtemp(join(tmpdir(), 'wk-root-'));
    await writeFile(join(root, 'real.txt'), 'inside');
    await symlink(join(outside, 'secret.txt'), join(root, 'leak.txt'));
    await symlink(outside, join(root, 'dir'));
    await symlink(join(root, 'real.txt'), join(root, 'alias.txt'));
    const cache = new FileCache();
    expect(await cache.get(join(root, 'leak.txt'), root)).toBeNull();
    expect(await cache.get(join(root, 'dir', 'secret.txt'), root)).toBeNull();
    expect((await cache.get(join(root, 'alias.txt'), root))?.body.toString()).toBe('inside');
    expect((await cache.get(join(root, 'real.txt'), root))?.body.toString()).toBe('inside');
  });
});
