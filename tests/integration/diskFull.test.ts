/**
 * The real host on a disk that fills up: its --data is on a 4 MB tmpfs mounted here (needs root; skipped with the
 * reason otherwise). Edits it cannot save are refused with reason 'storage' and never acknowledged; the host stays
 * up, warns, refuses new learners but not those already in, does not crash on a command; once space is freed the
 * refused edits are acknowledged after the resend, and they survive a SIGKILL and a restart on the same data.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../shared/protocol/sessionsApi';
import type { RoomClient } from '../../shared/sync/roomClient';
import { MemoryStorage } from '../../shared/sync/storage';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, waitFor } from '../helpers/roomClients';

const mountPoint = mkdtempSync(join(tmpdir(), 'wk-small-disk-'));

function mountSmallDisk(): string | null {
  if (process.platform !== 'linux') return 'a small tmpfs needs Linux';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot mount a 4 MB tmpfs (${String((error as Error).message).split('\n')[0]}): run the tests as root to check the full-disk path`;
  }
}

const skipReason = mountSmallDisk();
if (skipReason) process.stderr.write(`diskFull.test.ts skipped: ${skipReason}\n`);
const freeBytes = () => {
  const s = statfsSync(mountPoint);
  return s.bavail * s.bsize;
};

describe('the host on a full disk', () => {
  const hosts: HostProcess[] = [];
  const clients: RoomClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    for (const h of hosts) await h.stop('SIGKILL');
    if (!skipReason) execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== null)(`refuses what it cannot save with reason storage, keeps serving, and saves the resend once space is freed${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    const args = ['--session', 'Full disk', '--data', join(mountPoint, 'data'), '--min-free-mb', '2', '--refuse-free-mb', '0.25', '--extra-docs', 'room/*'];
    const first = await startHostProcess({ args });
    hosts.push(first);
    const room = first.line.room as string;
    const key = hostKeyOf(first.line.facilitatorUrl as string);
    const status = async (url: string) => (await (await fetch(new URL('api/status', url), { headers: { Authorization: `Bearer ${key}` } })).json()) as HostStatus;

    const writer = connectClient(first.url, room, { name: 'Writer', storage: new MemoryStorage() });
    clients.push(writer);
    await online(writer);
    await writer.whenSynced('room/fill');
    expect((await status(first.url)).disk.low).toBe(false);

    // Leave about 300 KB, then write 8 KB edits until the host refuses one (the document stays under the 512 KB a client takes in one sync).
    const filler = join(mountPoint, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes() - 300 * 1024)));
    const items = writer.doc('room/fill').getMap<string>('items');
    const written: string[] = [];
    const storageErrors = () => writer.rejections.filter((r) => r.reason === 'storage');
    for (let i = 0; i < 200 && storageErrors().length === 0; i++) {
      items.set(`item-${i}`, `${i}:`.padEnd(8_000, 'x'));
      written.push(`item-${i}`);
      await waitFor(() => writer.pendingCount === 0 || storageErrors().length > 0, `edit ${i} acknowledged or refused`);
    }
    expect(storageErrors().length).toBeGreaterThan(0);
    expect(storageErrors()[0]!.message).toMatch(/free disk space on the host laptop/);
    const unsaved = writer.pendingCount;
    expect(unsaved).toBeGreaterThan(0);

    // The host is alive, says so, and tells the console.
    expect((await fetch(new URL('api/health', first.url))).status).toBe(200);
    const full = await status(first.url);
    expect(full.disk.low).toBe(true);
    expect(full.disk.refusingNewLearners).toBe(true);
    expect(full.writesFailing).toBe(true);
    await waitFor(() => /cannot write .*docs\.log/.test(first.stderr()) && /low disk space/.test(first.stderr()), 'the problem and the warning on stderr');

    // A command on the full disk is refused with the same reason; the process does not crash.
    writer.command('hand-on-full-disk', { cmd: 'raise-hand', raised: true });
    await waitFor(() => writer.rejections.some((r) => r.id === 'hand-on-full-disk'), 'the command answered');
    expect(writer.rejections.find((r) => r.id === 'hand-on-full-disk')?.reason).toBe('storage');
    // A new learner is refused; the writer, already in, can reconnect.
    const newcomer = connectClient(first.url, room, { name: 'Late' });
    clients.push(newcomer);
    await waitFor(() => newcomer.rejections.some((r) => r.reason === 'storage'), 'the newcomer refused');
    expect(newcomer.welcome).toBe(null);
    expect(first.proc.exitCode).toBe(null);

    // Free space: the resent edits are acknowledged.
    rmSync(filler);
    writer.dropConnection();
    await waitFor(() => writer.pendingCount === 0, 'the refused edits acknowledged after the resend', 20_000);
    expect(first.proc.exitCode).toBe(null);

    // …and they were on disk: kill the host and start it again on the same data.
    expect(await first.stop('SIGKILL')).toBe(null);
    writer.close();
    const second = await startHostProcess({ args });
    hosts.push(second);
    const reader = connectClient(second.url, room, { name: 'Reader' });
    clients.push(reader);
    await online(reader);
    await reader.whenSynced('room/fill');
    const seen = reader.doc('room/fill').getMap<string>('items');
    expect(written.filter((k) => !seen.has(k))).toEqual([]);
    expect(seen.get(written[written.length - 1]!)).toBe(items.get(written[written.length - 1]!));
  }, 90_000);

  it('documents the free-space flags in --help and refuses bad values', () => {
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--no-discovery', ...args], { encoding: 'utf8' });
    const help = run(['--help']);
    expect(help.stdout).toMatch(/--min-free-mb N[\s\S]*--refuse-free-mb N/);
    const bad = run(['--min-free-mb', 'lots']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--min-free-mb must be a number of megabytes');
  });
});
