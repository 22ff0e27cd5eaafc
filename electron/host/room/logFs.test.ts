import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailingFs } from '../../../tests/helpers/failingFs';
import { LatestWriter } from './logFs';

describe('LatestWriter (meta.json)', () => {
  it('writes off the event loop, one write at a time, the latest content winning, never a torn file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-meta-'));
    const path = join(dir, 'meta.json');
    const writer = new LatestWriter(path, () => undefined);
    for (let i = 0; i < 50; i++) writer.write(JSON.stringify({ i }));
    await writer.flushed();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ i: 49 });
    expect(readdirSync(dir)).toEqual(['meta.json']);
  });

  it('reports a failed write once, keeps the content, and writes it when it can', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-meta-'));
    const path = join(dir, 'meta.json');
    const fs = new FailingFs();
    fs.snapshotFails = 'ENOSPC';
    const reports: string[] = [];
    const writer = new LatestWriter(path, (m) => reports.push(m), fs, 10);
    writer.write('{"a":1}');
    await writer.flushed();
    expect(writer.failure?.code).toBe('disk-full');
    expect(reports).toEqual([expect.stringMatching(/could not write .*meta\.json \(ENOSPC/)]);
    fs.snapshotFails = null;
    const start = Date.now();
    while (writer.failure && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 5));
    await writer.flushed();
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    expect(reports.at(-1)).toMatch(/written again/);
    await writer.close();
  });
});
