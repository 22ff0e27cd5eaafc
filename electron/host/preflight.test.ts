/**
 * The room preflight against real sockets on loopback addresses: the kit answering, nothing listening, another
 * program on the port, a program that accepts and never answers; and naming the interfaces.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, formatPreflight, listInterfaces, runPreflight } from './preflight';
import { startHost, type RunningHost } from './httpServer';

const content = { ok: false, issues: [] } as never;

function listen(server: Server | TcpServer, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
}

describe('naming interfaces', () => {
  it('tells LAN, virtual, link-local and other addresses apart', () => {
    expect(classifyAddress('wlan0', '192.168.1.20')).toBe('lan');
    expect(classifyAddress('en0', '10.0.0.5')).toBe('lan');
    expect(classifyAddress('eth0', '172.20.1.1')).toBe('lan');
    expect(classifyAddress('eth0', '172.32.1.1')).toBe('other');
    expect(classifyAddress('docker0', '172.17.0.1')).toBe('virtual');
    expect(classifyAddress('utun3', '10.8.0.2')).toBe('virtual');
    expect(classifyAddress('Wi-Fi', '169.254.10.2')).toBe('link-local');
    const listed = listInterfaces({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
      wlan0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null },
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: 'ffff::', mac: '', cidr: null, scopeid: 2 },
      ],
      docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false, netmask: '255.255.0.0', mac: '', cidr: null }],
    });
    expect(listed).toEqual([
      { name: 'docker0', address: '172.17.0.1', kind: 'virtual' },
      { name: 'wlan0', address: '192.168.1.20', kind: 'lan' },
    ]);
  });
});

describe('probing the port on each address (real sockets)', () => {
  let host: RunningHost;
  const others: (Server | TcpServer)[] = [];
  const hung: Socket[] = [];
  beforeAll(async () => {
    host = await startHost({ port: 0, bind: '127.0.0.1', rendererDir: '/nonexistent', contentDir: '/nonexistent', content });
    // Another program on the same port, another address; and one that accepts but never answers.
    const other = createHttpServer((_req, res) => res.end('{"hello":"not the kit"}'));
    const silent = createTcpServer((socket) => hung.push(socket));
    others.push(other, silent);
    await listen(other, '127.0.0.3', host.port);
    await listen(silent, '127.0.0.4', host.port);
  });
  afterAll(async () => {
    for (const s of hung) s.destroy();
    for (const s of others) await new Promise((r) => s.close(r));
    await host?.close();
  });

  it('finds the kit where it listens and says what is wrong everywhere else, with a fix', async () => {
    const report = await runPreflight({
      port: host.port,
      bind: '127.0.0.1',
      instance: ((await (await fetch(`${host.url}api/health`)).json()) as { instance: string }).instance,
      discovery: { advertising: false, detail: 'off' },
      learners: { seen: false, devices: 0 },
      interfaces: [
        { name: 'wlan0', address: '127.0.0.1', kind: 'lan' },
        { name: 'eth1', address: '127.0.0.2', kind: 'lan' },
        { name: 'eth2', address: '127.0.0.3', kind: 'lan' },
        { name: 'eth3', address: '127.0.0.4', kind: 'lan' },
      ],
      timeoutMs: 500, // the silent program never answers: this only bounds the wait
    });
    expect(report.checks.map((c) => [c.address, c.outcome])).toEqual([
      ['127.0.0.1', 'ok'],
      ['127.0.0.2', 'refused'],
      ['127.0.0.3', 'other-program'],
      ['127.0.0.4', 'timeout'],
    ]);
    expect(report.recommended).toBe('127.0.0.1');
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.what)).toEqual([
      `The kit does not listen on 127.0.0.2:${host.port} (it is bound to 127.0.0.1).`,
      `Another program answers on 127.0.0.3:${host.port}, not the kit.`,
      `No answer on 127.0.0.4:${host.port} even from this laptop: a firewall is dropping the connections.`,
    ]);
    expect(report.problems[2]!.firewall?.linux).toContain(`ufw allow ${host.port}/tcp`);
    const text = formatPreflight(report);
    expect(text).toContain('127.0.0.1        lan  ← give learners this one');
    expect(text).toContain('3 problems:');
  });

  it("the running host's own preflight probes the addresses it is given too; its own requests prove nothing", async () => {
    const report = await host.preflight(['127.0.0.2']);
    expect(report.checks.find((c) => c.address === '127.0.0.2')?.outcome).toBe('refused');
    expect(report.learners).toEqual({ seen: false, devices: 0 }); // this laptop's own requests prove nothing
  });
});
