/**
 * The room preflight on a real network, made for the test: two network namespaces joined by a veth pair — the
 * facilitator's laptop (10.77.x.1) and a learner's device (10.77.x.2). Nothing touches the machine's real
 * interfaces. Needs root and `ip netns`; elsewhere the tests report themselves skipped with the reason.
 *
 * - `npm run host -- --preflight` bound to loopback only catches the blocked port on the LAN address (exit 1,
 *   the fix in words and in the JSON line);
 * - a host on every interface passes, names the LAN address to give learners, and the learner check turns green
 *   once the learner's device opened the join page (`GET /api/preflight`, host key, from the laptop only).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../shared/protocol/preflight';
import { startServerChild, type ServerChild } from '../helpers/serverChild';

const root = process.getuid?.() === 0;
const hasIp = spawnSync('ip', ['netns', 'list'], { stdio: 'ignore' }).status === 0;
const SKIP = !root ? 'needs root to create network namespaces' : !hasIp ? '`ip netns` (iproute2) is not available' : null;
if (SKIP) console.warn(`preflight network tests skipped: ${SKIP}`);

const tag = String(process.pid % 10000);
const LAPTOP = `wk-pf-laptop-${tag}`;
const LEARNER = `wk-pf-learner-${tag}`;
const subnet = `10.77.${(process.pid % 200) + 20}`;
const laptopAddress = `${subnet}.1`;
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
/** Runs a short script with node inside a namespace and returns its stdout. */
const nodeIn = (ns: string, script: string) =>
  execFileSync('ip', ['netns', 'exec', ns, process.execPath, '-e', script], { encoding: 'utf8', timeout: 30_000 });
const hostArgs = (bind: string, extra: string[] = []) => [
  'netns',
  'exec',
  LAPTOP,
  process.execPath,
  '--import',
  'tsx',
  'electron/host/cli.ts',
  '--port',
  '0',
  '--bind',
  bind,
  '--no-discovery',
  '--data',
  mkdtempSync(join(tmpdir(), 'wk-pf-')),
  '--session',
  'Preflight room',
  ...extra,
];

describe.skipIf(SKIP !== null)(`room preflight on a namespaced LAN${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  beforeAll(() => {
    ip('netns', 'add', LAPTOP);
    ip('netns', 'add', LEARNER);
    ip('link', 'add', `wkpa${tag}`, 'type', 'veth', 'peer', 'name', `wkpb${tag}`);
    ip('link', 'set', `wkpa${tag}`, 'netns', LAPTOP);
    ip('link', 'set', `wkpb${tag}`, 'netns', LEARNER);
    ip('-n', LAPTOP, 'addr', 'add', `${laptopAddress}/24`, 'dev', `wkpa${tag}`);
    ip('-n', LEARNER, 'addr', 'add', `${subnet}.2/24`, 'dev', `wkpb${tag}`);
    for (const [ns, dev] of [
      [LAPTOP, `wkpa${tag}`],
      [LEARNER, `wkpb${tag}`],
    ] as const) {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', dev, 'up');
    }
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', LAPTOP]);
    spawnSync('ip', ['netns', 'del', LEARNER]);
  });

  it('--preflight on a host bound to loopback only catches the blocked LAN address, with the fix, and exits 1', () => {
    const run = spawnSync('ip', hostArgs('127.0.0.1', ['--preflight']), { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'listening', bind: '127.0.0.1' });
    const report = JSON.parse(lines.at(-1)!) as PreflightReport & { event: string };
    expect(report.event).toBe('preflight');
    expect(report.checks).toEqual([expect.objectContaining({ address: laptopAddress, outcome: 'refused' })]);
    expect(report.interfaces).toEqual([{ name: `wkpa${tag}`, address: laptopAddress, kind: 'lan', recommended: false }]);
    expect(report.problems[0]!.fix).toContain('--bind 0.0.0.0');
    expect(run.stdout).toContain(`The kit does not listen on ${laptopAddress}:${report.port} (it is bound to 127.0.0.1).`);
  });

  describe('a host on every interface', () => {
    let host: ServerChild<{ port: number; room: string; facilitatorUrl: string }>;
    const preflight = (key: string | null) =>
      JSON.parse(
        nodeIn(
          LAPTOP,
          `fetch('http://127.0.0.1:${host.line.port}/api/preflight', { headers: ${key ? `{ Authorization: 'Bearer ${key}' }` : '{}'} }).then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json() })))`,
        ),
      ) as { status: number; body: PreflightReport };
    beforeAll(async () => {
      host = await startServerChild('host in the laptop namespace', hostArgs('0.0.0.0'), { command: 'ip' });
    });
    afterAll(async () => {
      await host?.stop();
    });

    it('passes, names the address to give learners, and the learner check turns green once a device joined', async () => {
      const key = new URL(host.line.facilitatorUrl).hash.replace('#key=', '');
      expect(preflight(null).status).toBe(401);
      const before = preflight(key).body;
      expect(before.checks).toEqual([expect.objectContaining({ address: laptopAddress, outcome: 'ok' })]);
      expect(before.recommended).toBe(laptopAddress);
      expect(before.ok).toBe(true);
      expect(before.learners.seen).toBe(false);
      // The learner's device opens the join page over the namespaced LAN.
      const status = nodeIn(
        LEARNER,
        `fetch('http://${laptopAddress}:${host.line.port}/join/${host.line.room}').then((r) => console.log(r.status))`,
      );
      expect(status.trim()).toBe('200');
      const after = preflight(key).body;
      expect(after.learners).toMatchObject({ seen: true, from: `${subnet}.2`, via: `${laptopAddress}:${host.line.port}`, devices: 1 });
      // The learner's device cannot read the report (the API answers the laptop only).
      const fromLearner = nodeIn(
        LEARNER,
        `fetch('http://${laptopAddress}:${host.line.port}/api/preflight', { headers: { Authorization: 'Bearer ${key}' } }).then((r) => console.log(r.status))`,
      );
      expect(fromLearner.trim()).toBe('403');
    });
  });
});
