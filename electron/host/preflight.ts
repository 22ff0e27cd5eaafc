/**
 * The room preflight: before 40 people try to join, can their devices reach this laptop?
 *
 * Owns: naming the laptop's interfaces (LAN, virtual, link-local) and the one to give learners; probing the kit's
 * port on each address from a separate socket (an HTTP request to /api/health that must come back with THIS host's
 * instance id, so another program on the port is told apart); the learner check (`ReachLog`: the first device other
 * than this laptop that opened the kit, proof that client isolation and the firewall let learners through); and the
 * report with a fix per problem (shared/protocol/preflight.ts). A probe from the laptop itself proves the kit
 * listens on an address; most firewalls let a machine's own traffic through, which is why the learner check exists.
 */
import { request, type IncomingMessage } from 'node:http';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import {
  CLIENT_ISOLATION_FIX,
  FIREWALL_FIX,
  type AddressCheck,
  type InterfaceEntry,
  type InterfaceKind,
  type LearnerReach,
  type PreflightProblem,
  type PreflightReport,
  type ProbeOutcome,
} from '../../shared/protocol/preflight';
import { httpUrl } from './network';

const VIRTUAL_NAME = /^(docker|br-|veth|virbr|vboxnet|vmnet|vethernet|utun|tun|tap|zt|tailscale|wg|lxc|lxd|cni|flannel|podman|vEthernet)/i;

export function classifyAddress(name: string, address: string): InterfaceKind {
  if (address.startsWith('127.')) return 'loopback';
  if (address.startsWith('169.254.')) return 'link-local';
  if (VIRTUAL_NAME.test(name)) return 'virtual';
  const [a, b] = address.split('.').map(Number) as [number, number];
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'lan';
  return 'other';
}

/** The machine's IPv4 interfaces (loopback left out), named and classified. */
export function listInterfaces(source: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): Omit<InterfaceEntry, 'recommended'>[] {
  const out: Omit<InterfaceEntry, 'recommended'>[] = [];
  for (const [name, addresses] of Object.entries(source)) {
    for (const a of addresses ?? []) {
      if (a.family !== 'IPv4' || a.internal) continue;
      out.push({ name, address: a.address, kind: classifyAddress(name, a.address) });
    }
  }
  return out.sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** Asks http://address:port/api/health for this host's instance id, from a socket of its own. */
export function probe(address: string, port: number, instance: string, timeoutMs = 2000): Promise<AddressCheck> {
  const url = httpUrl(address, port);
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: ProbeOutcome, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ address, url, outcome, detail });
    };
    const req = request(
      { host: address, port, path: '/api/health', method: 'GET', agent: false, headers: { Connection: 'close' } },
      (res: IncomingMessage) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 4096) body += chunk;
        });
        res.on('end', () => {
          let seen: unknown = null;
          try {
            seen = (JSON.parse(body) as { instance?: unknown }).instance;
          } catch {
            /* not this kit */
          }
          if (seen === instance) done('ok', 'the kit answers here');
          else done('other-program', `another program answers on port ${port} (HTTP ${res.statusCode ?? '?'})`);
        });
      },
    );
    const timer = setTimeout(() => done('timeout', `no answer within ${timeoutMs} ms`), timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') done('refused', 'connection refused: the kit does not listen on this address');
      else done('error', `${error.code ?? 'error'}: ${error.message}`);
    });
    req.end();
  });
}

const normalise = (address: string | undefined): string => (address ?? '').replace(/^::ffff:/, '');
const isLoopbackAddress = (address: string): boolean => address.startsWith('127.') || address === '::1';
const MAX_DEVICES = 10_000;

/** Remembers which other devices have opened the kit (the learner check). Bounded: it only counts addresses. */
export class ReachLog {
  private first: { from: string; via: string; at: string } | null = null;
  private readonly devices = new Set<string>();

  note(req: IncomingMessage): void {
    const remote = normalise(req.socket.remoteAddress);
    // This laptop itself (loopback, or one of its own addresses) proves nothing about the learners' network.
    if (!remote || isLoopbackAddress(remote) || remote === normalise(req.socket.localAddress)) return;
    if (this.devices.size < MAX_DEVICES) this.devices.add(remote);
    this.first ??= { from: remote, via: String(req.headers.host ?? '').slice(0, 100), at: new Date().toISOString() };
  }

  snapshot(): LearnerReach {
    return this.first ? { seen: true, ...this.first, devices: this.devices.size } : { seen: false, devices: 0 };
  }
}

export interface PreflightInput {
  port: number;
  bind: string;
  instance: string;
  discovery: { advertising: boolean; detail: string };
  learners: LearnerReach;
  /** Interfaces to check (default: this machine's). */
  interfaces?: Omit<InterfaceEntry, 'recommended'>[];
  /** More addresses to probe (e.g. the one you plan to print on the join card). */
  extraAddresses?: string[];
  timeoutMs?: number;
}

export async function runPreflight(input: PreflightInput): Promise<PreflightReport> {
  const listed = input.interfaces ?? listInterfaces();
  for (const address of input.extraAddresses ?? []) {
    if (!listed.some((i) => i.address === address)) listed.push({ name: 'given', address, kind: classifyAddress('given', address) });
  }
  const checks = await Promise.all(listed.map((i) => probe(i.address, input.port, input.instance, input.timeoutMs)));
  const outcome = (address: string) => checks.find((c) => c.address === address)?.outcome;
  const lan = listed.filter((i) => i.kind === 'lan');
  const recommended =
    lan.find((i) => outcome(i.address) === 'ok') ?? listed.find((i) => i.kind !== 'virtual' && outcome(i.address) === 'ok') ?? null;
  const interfaces = listed.map((i) => ({ ...i, recommended: i === recommended }));

  const problems: PreflightProblem[] = [];
  const firewall = FIREWALL_FIX(input.port);
  if (listed.filter((i) => i.kind === 'lan' || i.kind === 'other').length === 0) {
    problems.push({
      what: 'This laptop has no network address learners could use (only loopback, virtual or link-local ones).',
      fix: "Join the room's Wi-Fi (or plug in the cable), or turn on this laptop's hotspot, then run the check again.",
    });
  }
  for (const check of checks) {
    const where = `${check.address}:${input.port}`;
    if (check.outcome === 'refused') {
      problems.push({
        what: `The kit does not listen on ${where} (it is bound to ${input.bind}).`,
        fix: `Start the host without --bind, or with --bind 0.0.0.0 (every interface) or --bind ${check.address}.`,
      });
    } else if (check.outcome === 'timeout') {
      problems.push({
        what: `No answer on ${where} even from this laptop: a firewall is dropping the connections.`,
        fix: 'Allow the kit through the firewall.',
        firewall,
      });
    } else if (check.outcome === 'other-program') {
      problems.push({
        what: `Another program answers on ${where}, not the kit.`,
        fix: 'Stop that program, or start the kit with another --port (and give learners the new address).',
      });
    } else if (check.outcome === 'error') {
      problems.push({
        what: `${where} could not be checked: ${check.detail}.`,
        fix: 'Check that the interface is up, then run the check again.',
      });
    }
  }
  if (lan.length === 0 && listed.some((i) => i.kind === 'virtual') && !recommended) {
    problems.push({
      what: 'Only virtual interfaces (containers, VPN) have addresses.',
      fix: "Connect to the room's network; a VPN address is not reachable by learners.",
    });
  }
  return {
    at: new Date().toISOString(),
    port: input.port,
    bind: input.bind,
    interfaces,
    recommended: recommended?.address ?? null,
    checks,
    discovery: input.discovery,
    learners: input.learners,
    problems,
    ok: problems.length === 0,
  };
}

const MARK: Record<ProbeOutcome, string> = { ok: 'OK  ', refused: 'FAIL', timeout: 'FAIL', 'other-program': 'FAIL', error: 'FAIL' };

/** The report as the terminal shows it (`npm run host -- --preflight`). */
export function formatPreflight(report: PreflightReport): string {
  const lines = [`Room preflight (port ${report.port}, bound to ${report.bind})`, '', 'Interfaces:'];
  if (report.interfaces.length === 0) lines.push('  (none but loopback)');
  for (const i of report.interfaces) {
    const check = report.checks.find((c) => c.address === i.address);
    lines.push(
      `  ${check ? MARK[check.outcome] : '    '} ${i.name.padEnd(12)} ${i.address.padEnd(16)} ${i.kind}${i.recommended ? '  ← give learners this one' : ''}${check && check.outcome !== 'ok' ? ` — ${check.detail}` : ''}`,
    );
  }
  lines.push('', `Join address: ${report.recommended ? `${httpUrl(report.recommended, report.port)}` : 'none found'}`);
  lines.push(`Discovery (mDNS): ${report.discovery.detail}`);
  lines.push(
    report.learners.seen
      ? `Learner check: OK — a device at ${report.learners.from} reached the kit via ${report.learners.via} (${report.learners.devices} device(s) so far)`
      : `Learner check: waiting — ask one learner to open ${report.recommended ? httpUrl(report.recommended, report.port) : 'the join link'}; if their device never reaches the kit on the same Wi-Fi, the firewall or the Wi-Fi's client isolation blocks it.`,
  );
  lines.push(
    '',
    'Checked from this laptop: it proves the kit listens on each address; a firewall that only blocks other devices, or a Wi-Fi that isolates them, shows up in the learner check.',
  );
  if (report.problems.length === 0) lines.push('', 'No problem found.');
  else {
    lines.push('', `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}:`);
    for (const p of report.problems) {
      lines.push(`  - ${p.what}`, `    Fix: ${p.fix}`);
      if (p.firewall) lines.push(`    ${p.firewall.windows}`, `    ${p.firewall.macos}`, `    ${p.firewall.linux}`);
    }
    if (!report.learners.seen) lines.push('', `If learners cannot join although every address is OK: ${CLIENT_ISOLATION_FIX}`);
  }
  return lines.join('\n');
}
