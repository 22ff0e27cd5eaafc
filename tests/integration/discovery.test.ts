/**
 * LAN discovery (electron/host/discovery.ts) for real — without ever multicasting on this machine's networks.
 *
 * Two throwaway network namespaces joined by a veth pair form a private two-machine LAN: the veth ends are created
 * directly inside the namespaces (never in the host's own namespace), each namespace has only `lo` and its veth end,
 * and a multicast route sends 224.0.0.0/4 over the veth. The advertiser and the browser run as separate processes
 * with `ip netns exec`, so their mDNS sockets exist only inside the namespaces. Everything is deleted in afterAll.
 *
 * Creating namespaces needs Linux, iproute2 and CAP_NET_ADMIN (root); without them the test reports itself skipped
 * with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFoundSessions, type FoundSession } from '../../electron/host/discovery';
import type { Service } from 'bonjour-service';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('../helpers/discoveryChild.ts', import.meta.url));

interface Lan {
  nsA: string;
  nsB: string;
  vethA: string;
  vethB: string;
  addressA: string;
  addressB: string;
}

function ip(args: string[]): void {
  const res = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  if (res.error) throw new Error(`ip ${args.join(' ')}: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`ip ${args.join(' ')} failed (exit ${res.status}): ${res.stderr.trim()}`);
}

function deleteNamespaces(names: string[]): void {
  // Deleting a namespace also deletes the veth end inside it, and with it its peer.
  for (const name of names) spawnSync('ip', ['netns', 'del', name], { timeout: 10_000 });
}

/** Two namespaces A (10.77.x.1) and B (10.77.x.2) joined by a veth pair; undone if any step fails. */
function createLan(): Lan {
  const id = randomBytes(3).toString('hex');
  const x = 1 + (randomBytes(1)[0]! % 254);
  const lan: Lan = {
    nsA: `wk-disc-a-${id}`,
    nsB: `wk-disc-b-${id}`,
    vethA: `wkd${id}a`,
    vethB: `wkd${id}b`,
    addressA: `10.77.${x}.1`,
    addressB: `10.77.${x}.2`,
  };
  try {
    ip(['netns', 'add', lan.nsA]);
    ip(['netns', 'add', lan.nsB]);
    ip(['link', 'add', 'name', lan.vethA, 'netns', lan.nsA, 'type', 'veth', 'peer', 'name', lan.vethB, 'netns', lan.nsB]);
    for (const [ns, veth, address] of [
      [lan.nsA, lan.vethA, lan.addressA],
      [lan.nsB, lan.vethB, lan.addressB],
    ] as const) {
      ip(['-n', ns, 'addr', 'add', `${address}/24`, 'dev', veth]);
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
      ip(['-n', ns, 'link', 'set', veth, 'up']);
      ip(['-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', veth]);
    }
    // `ip netns exec` must work too (it mounts a private /sys, which some containers forbid).
    ip(['netns', 'exec', lan.nsA, 'true']);
    return lan;
  } catch (error) {
    deleteNamespaces([lan.nsA, lan.nsB]);
    throw error;
  }
}

/** Why this machine cannot host the test, or undefined if it can (checked by building and removing a LAN). */
function netnsUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return `network namespaces are Linux-only (this is ${process.platform})`;
  if (spawnSync('which', ['ip'], { encoding: 'utf8' }).status !== 0) return 'iproute2 is not installed (no `ip` command)';
  try {
    const probe = createLan();
    deleteNamespaces([probe.nsA, probe.nsB]);
    return undefined;
  } catch (error) {
    return `cannot create network namespaces (needs root or CAP_NET_ADMIN): ${(error as Error).message}`;
  }
}

const unavailable = netnsUnavailableReason();
const canNetns = unavailable === undefined;
if (!canNetns) console.warn(`discovery test skipped: ${unavailable}`);

function runChild(ns: string, args: string[]): ChildProcess {
  return spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error(`child did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function firstLine(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms; stderr: ${stderr()}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      resolve(out.slice(0, newline));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with ${code} before printing; stderr: ${stderr()}`));
    });
  });
}

describe('LAN discovery over mDNS, inside two private network namespaces', () => {
  let lan: Lan | undefined;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    if (canNetns) lan = createLan();
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exitOf(child, 5000).catch(() => undefined);
      }
    }
    if (lan) deleteNamespaces([lan.nsA, lan.nsB]);
  });

  // Skipped, with the reason printed above, where network namespaces cannot be created (not Linux, no iproute2,
  // no root/CAP_NET_ADMIN): the test must never fall back to multicasting on the machine's real interfaces.
  it.skipIf(!canNetns)('a browser in one namespace finds the session advertised in the other', async () => {
    const { nsA, nsB, vethB, addressA } = lan!;

    let advertiserErr = '';
    const advertiser = runChild(nsA, ['advertise']);
    children.push(advertiser);
    advertiser.stderr!.on('data', (d: Buffer) => (advertiserErr += d.toString()));
    const ready = JSON.parse(await firstLine(advertiser, 15_000, () => advertiserErr)) as { event: string; name: string };
    expect(ready).toEqual({ event: 'advertising', name: 'Workshop Kit – Test room (ABC234)' });

    let browserErr = '';
    const browser = runChild(nsB, ['browse', '--timeout', '1500', '--interface', vethB]);
    children.push(browser);
    browser.stderr!.on('data', (d: Buffer) => (browserErr += d.toString()));
    const line = await firstLine(browser, 15_000, () => browserErr);
    // The browser closes its socket: the process ends by itself.
    expect(await exitOf(browser, 10_000), browserErr).toBe(0);

    const found = JSON.parse(line) as FoundSession[];
    expect(found).toHaveLength(1);
    const [session] = found;
    expect(session).toMatchObject({
      name: 'Workshop Kit – Test room (ABC234)',
      title: 'Test room',
      code: 'ABC234',
      port: 8737,
      urls: [`http://${addressA}:8737/join/ABC234`],
    });
    expect(session!.addresses[0]).toBe(addressA);

    // Stopping says goodbye and closes the socket: the advertiser ends by itself, successfully.
    advertiser.kill('SIGTERM');
    expect(await exitOf(advertiser, 10_000), advertiserErr).toBe(0);
  });
});

describe('what a browser keeps from the answers', () => {
  const service = (over: Partial<Service> & { txt?: Record<string, string> }): Service =>
    ({
      name: 'Workshop Kit – Room (ABC234)',
      host: 'laptop',
      port: 8737,
      addresses: ['192.168.1.20', 'fe80::1'],
      txt: { title: 'Room', code: 'ABC234', v: '1' },
      ...over,
    }) as unknown as Service;

  it('ignores services without a valid room code or with another protocol version', () => {
    expect(toFoundSessions([service({ txt: { title: 'Room', v: '1' } })])).toEqual([]);
    expect(toFoundSessions([service({ txt: { title: 'Room', code: 'abc234', v: '1' } })])).toEqual([]);
    expect(toFoundSessions([service({ txt: { title: 'Room', code: 'ABC1O4', v: '1' } })])).toEqual([]);
    expect(toFoundSessions([service({ txt: { title: 'Room', code: 'ABC234', v: '2' } })])).toEqual([]);
    expect(toFoundSessions([service({ txt: undefined })])).toEqual([]);
  });

  it('merges duplicates and builds one join URL per IPv4 address', () => {
    const found = toFoundSessions([service({}), service({ addresses: ['10.0.0.5'] })]);
    expect(found).toEqual([
      {
        name: 'Workshop Kit – Room (ABC234)',
        title: 'Room',
        code: 'ABC234',
        host: 'laptop',
        addresses: ['10.0.0.5', '192.168.1.20', 'fe80::1'],
        port: 8737,
        urls: ['http://10.0.0.5:8737/join/ABC234', 'http://192.168.1.20:8737/join/ABC234'],
      },
    ]);
  });
});
