import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocLog, encodeRecord } from './docLog';

const bytes = (...n: number[]) => new Uint8Array(n);

describe('DocLog', () => {
  it('persists appends, and loads snapshot + log after compaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-log-'));
    const log = new DocLog(dir, 10);
    await log.append('room/a', bytes(1, 2, 3));
    await log.append('session', bytes(4));
    expect(log.needsCompaction).toBe(true);
    log.compactWhenIdle(() => new Map([['room/a', bytes(9, 9)]]));
    await log.append('room/b', bytes(5));
    await log.close();
    const reopened = new DocLog(dir);
    expect(reopened.load()).toEqual([
      { doc: 'room/a', update: bytes(9, 9) },
      { doc: 'room/b', update: bytes(5) },
    ]);
    await reopened.close();
  });

  it('ignores and truncates a torn record at the end of the log (a crash mid-write)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-log-'));
    const log = new DocLog(dir);
    await log.append('room/a', bytes(1));
    await log.close();
    const torn = encodeRecord('room/a', bytes(2, 3, 4, 5)).subarray(0, 7);
    appendFileSync(join(dir, 'docs.log'), torn);
    const reopened = new DocLog(dir);
    expect(reopened.load()).toEqual([{ doc: 'room/a', update: bytes(1) }]);
    await reopened.append('room/a', bytes(6));
    await reopened.close();
    expect(new DocLog(dir).load()).toEqual([
      { doc: 'room/a', update: bytes(1) },
      { doc: 'room/a', update: bytes(6) },
    ]);
  });

  it('groups concurrent appends into one write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-log-'));
    const log = new DocLog(dir);
    await Promise.all(Array.from({ length: 100 }, (_, i) => log.append('room/a', bytes(i))));
    await log.close();
    expect(new DocLog(dir).load()).toHaveLength(100);
    expect(readFileSync(join(dir, 'docs.log')).length).toBe(100 * (4 + 2 + 6 + 1));
  });
});
