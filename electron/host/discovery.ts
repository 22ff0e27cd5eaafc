/**
 * LAN discovery of classroom sessions: DNS-SD over mDNS, service type `_workshopkit._tcp` (bonjour-service).
 *
 * This module owns what goes on the wire for discovery and nothing else: the instance name
 * (`Workshop Kit – <title> (<code>)`), the TXT records (`title`, `code`, `v=1`), advertising a session while the host
 * runs, and browsing for sessions for a bounded time, turning answers into validated join URLs
 * (`http://<ipv4>:<port>/join/<code>`). It does not decide when to advertise (the host CLI does) and holds no state
 * beyond the sockets it opens; both `advertise().stop()` and `browse()` close them so the process can exit.
 *
 * Multicast reaches every machine on the network, so tests, CI and benchmarks never call this on real interfaces:
 * they run the host with `--no-discovery`, and the one discovery test (tests/integration/discovery.test.ts) runs
 * both sides inside throwaway network namespaces joined by a veth pair.
 */
import { networkInterfaces } from 'node:os';
import Bonjour, { type Browser, type Service } from 'bonjour-service';
import { ROOM_CODE_PATTERN } from '../../shared/protocol/protocol';

/** DNS-SD service name without the leading underscore and protocol: `_workshopkit._tcp`. */
export const SERVICE_TYPE = 'workshopkit';
/** The `v` TXT record: bump it when the join URL or the TXT records change incompatibly. */
export const DISCOVERY_VERSION = '1';

/** DNS labels (the instance name) hold at most 63 bytes. */
const MAX_INSTANCE_NAME_BYTES = 63;
/** Each TXT string holds at most 255 bytes; the title stays well below. */
const MAX_TXT_TITLE_BYTES = 200;
/** How long `ready` waits for the first announcement (after the ~0.75 s name probe). */
const ANNOUNCE_TIMEOUT_MS = 5000;
/** How long `stop()` waits for the goodbye packet before closing the socket anyway. */
const GOODBYE_TIMEOUT_MS = 1000;

export interface AdvertisedSession {
  title: string;
  code: string;
  port: number;
  /** Instance name shown by DNS-SD browsers; defaults to `Workshop Kit – <title> (<code>)`. */
  name?: string;
}

export interface DiscoveryOptions {
  /** Network interface to use, by name (`eth0`) or by one of its IPv4 addresses; default: all of them. */
  interface?: string;
}

export interface Advertisement {
  /** The instance name actually published. */
  readonly name: string;
  /** Resolves once the session has been announced; rejects if it is not announced in time (name already in use). */
  readonly ready: Promise<void>;
  /** Says goodbye (TTL 0) and closes the socket. Idempotent. */
  stop(): Promise<void>;
}

export interface FoundSession {
  name: string;
  title: string;
  code: string;
  host: string;
  addresses: string[];
  port: number;
  urls: string[];
}

export function advertise(session: AdvertisedSession, options: DiscoveryOptions = {}): Advertisement {
  if (!ROOM_CODE_PATTERN.test(session.code)) throw new Error(`discovery: "${session.code}" is not a room code`);
  if (!Number.isInteger(session.port) || session.port < 1 || session.port > 65535) {
    throw new Error(`discovery: ${session.port} is not a TCP port`);
  }
  const title = truncateBytes(cleanText(session.title), MAX_TXT_TITLE_BYTES);
  const name = session.name === undefined ? defaultInstanceName(title, session.code) : instanceName(session.name);

  const bonjour = createBonjour(options.interface);
  const service: Service = bonjour.publish({
    name,
    type: SERVICE_TYPE,
    protocol: 'tcp',
    port: session.port,
    txt: { title, code: session.code, v: DISCOVERY_VERSION },
  });

  let announceTimer: NodeJS.Timeout | undefined;
  let rejectReady: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    rejectReady = reject;
    service.once('up', () => {
      clearTimeout(announceTimer);
      resolve();
    });
    announceTimer = setTimeout(
      () =>
        reject(
          new Error(`discovery: "${name}" was not announced within ${ANNOUNCE_TIMEOUT_MS} ms (is the name already in use on the network?)`),
        ),
      ANNOUNCE_TIMEOUT_MS,
    );
    announceTimer.unref();
  });
  // Nobody has to wait for `ready`: never let it become an unhandled rejection.
  ready.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  return {
    name,
    ready,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        clearTimeout(announceTimer);
        rejectReady(new Error('discovery: stopped before the session was announced'));
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          bonjour.destroy(() => resolve());
        };
        const force = setTimeout(close, GOODBYE_TIMEOUT_MS);
        force.unref();
        service.stop(() => {
          clearTimeout(force);
          close();
        });
      });
      return stopping;
    },
  };
}

export function browse(options: { timeoutMs: number } & DiscoveryOptions): Promise<FoundSession[]> {
  return new Promise<FoundSession[]>((resolve, reject) => {
    let bonjour: Bonjour;
    try {
      bonjour = createBonjour(options.interface);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const browser: Browser = bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' });

    // The browser queries once when it starts; ask again after 1 s, 3 s, 7 s… (RFC 6762 §5.2) in case that first
    // query or its answer was lost, or a host announced itself in between.
    let requery: NodeJS.Timeout | undefined;
    const scheduleRequery = (delay: number) => {
      requery = setTimeout(() => {
        browser.update();
        scheduleRequery(delay * 2);
      }, delay);
    };
    scheduleRequery(1000);

    setTimeout(
      () => {
        clearTimeout(requery);
        const found = toFoundSessions(browser.services);
        browser.stop();
        bonjour.destroy(() => resolve(found));
      },
      Math.max(0, options.timeoutMs),
    );
  });
}

/** Validated, deduplicated sessions from what the browser saw, in a stable order. */
export function toFoundSessions(services: readonly Service[]): FoundSession[] {
  const byKey = new Map<string, FoundSession>();
  for (const service of services) {
    const found = toFoundSession(service);
    if (!found) continue;
    const key = `${found.name}\u0000${found.host}\u0000${found.port}`.toLowerCase();
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, found);
      continue;
    }
    seen.addresses = orderAddresses([...seen.addresses, ...found.addresses]);
    seen.urls = joinUrls(seen.addresses, seen.port, seen.code);
  }
  return [...byKey.values()].sort((a, b) => a.title.localeCompare(b.title) || a.name.localeCompare(b.name));
}

function toFoundSession(service: Service): FoundSession | undefined {
  const txt: unknown = service.txt;
  if (!txt || typeof txt !== 'object') return undefined;
  const { code, title, v } = txt as Record<string, unknown>;
  if (typeof code !== 'string' || !ROOM_CODE_PATTERN.test(code)) return undefined;
  if (v !== DISCOVERY_VERSION) return undefined;
  if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65535) return undefined;
  const referer = service.referer?.address;
  const addresses = orderAddresses([...(service.addresses ?? []), ...(referer ? [referer] : [])], referer);
  return {
    name: service.name,
    title: typeof title === 'string' ? cleanText(title) : '',
    code,
    host: service.host,
    addresses,
    port: service.port,
    urls: joinUrls(addresses, service.port, code),
  };
}

/** Unique addresses, IPv4 first; the address the answer came from (known to be reachable) leads its family. */
function orderAddresses(addresses: string[], preferred?: string): string[] {
  const unique = [...new Set(addresses)];
  const rank = (a: string) => (isIPv4(a) ? 0 : 2) + (a === preferred ? 0 : 1);
  return unique.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function joinUrls(addresses: string[], port: number, code: string): string[] {
  return addresses.filter(isIPv4).map((ip) => `http://${ip}:${port}/join/${code}`);
}

function isIPv4(address: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(address);
}

/** One multicast-dns socket, on one interface if asked; its errors are reported, never thrown at the process. */
function createBonjour(iface: string | undefined): Bonjour {
  const mdnsOptions: { interface?: string; bind?: string } = {};
  if (iface) {
    // multicast-dns takes the interface as an IPv4 address and would also bind to it, which on Linux filters out
    // multicast: bind to the wildcard address and send and join the group on that interface.
    mdnsOptions.interface = interfaceAddress(iface);
    mdnsOptions.bind = '0.0.0.0';
  }
  const warn = (error: unknown) => console.warn(`discovery: ${error instanceof Error ? error.message : String(error)}`);
  // The options go to multicast-dns; bonjour-service's typings only describe the service fields.
  const bonjour = new Bonjour(mdnsOptions as unknown as ConstructorParameters<typeof Bonjour>[0], warn);
  // A bind failure (port 5353 taken exclusively, no permission) is an 'error' event that nobody listens to inside
  // bonjour-service, which would crash the host: report it instead, the room works without discovery.
  (bonjour as unknown as { server: { mdns: NodeJS.EventEmitter } }).server.mdns.on('error', warn);
  return bonjour;
}

function interfaceAddress(iface: string): string {
  if (isIPv4(iface)) return iface;
  const address = networkInterfaces()[iface]?.find((a) => a.family === 'IPv4');
  if (!address) throw new Error(`discovery: network interface "${iface}" has no IPv4 address`);
  return address.address;
}

/** No control characters, single spaces. */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
  const controls = /[\u0000-\u001f\u007f]/g;
  return text.replace(controls, ' ').replace(/\s+/g, ' ').trim();
}

/** `Workshop Kit – <title> (<code>)`: the code keeps two rooms with the same title apart, so it is never cut off. */
function defaultInstanceName(title: string, code: string): string {
  const prefix = 'Workshop Kit – ';
  const suffix = ` (${code})`;
  const room = MAX_INSTANCE_NAME_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(suffix);
  return instanceName(`${prefix}${truncateBytes(title.replaceAll('.', '-'), room)}${suffix}`);
}

/** One DNS label: no dots (bonjour-service would turn them into dashes anyway), at most 63 bytes. */
function instanceName(name: string): string {
  return truncateBytes(cleanText(name).replaceAll('.', '-'), MAX_INSTANCE_NAME_BYTES);
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char) > maxBytes) break;
    out += char;
  }
  return out.trimEnd();
}
