/**
 * `npm run host -- [--port N] [--bind ADDR] [--data DIR] [--no-discovery] [--content DIR] [--renderer DIR] [--min-free-mb N] [--refuse-free-mb N] [--budget NAME=N]… [--extra-docs PATTERNS]`
 *
 * The headless host. When ready it prints ONE line of JSON to stdout (a contract other tools parse):
 *   {"event":"listening","url":"http://127.0.0.1:PORT/","lanUrls":["http://192.168.…:PORT/",…],…}
 * Everything else (content problems, storage problems, low disk space, shutdown notes) goes to stderr. SIGINT/SIGTERM
 * close it with exit code 0. An error nobody caught is printed on stderr and the host keeps serving.
 * With --preflight it prints the room preflight after that line (the report in words, then one line of JSON
 * `{"event":"preflight",…}`) and exits: 0 when no problem was found, 1 otherwise.
 */
import { mkdir, access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatIssue } from '../../shared/content/pack';
import { loadContentDir } from './contentLoader';
import { startHost } from './httpServer';
import { SessionManager } from './room/sessions';
import { advertise, SERVICE_TYPE, type Advertisement } from './discovery';
import { DEFAULT_PORT } from './defaults';
import { DEFAULT_DISK_THRESHOLDS } from './diskSpace';
import { DEFAULT_BUDGETS, type Budgets } from './room/budgets';
import { extraDocNames } from '../../shared/room/documents';
import { formatPreflight } from './preflight';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Items joined with ", " in lines of at most ~96 characters, indented like the usage's continuation lines. */
function wrap(items: string[], indent = '                        '): string {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + item.length + 2 <= 96) lines[last] += `, ${item}`;
    else lines.push(`${indent}${item}`);
  }
  return lines.join(',\n');
}

const USAGE = `Usage: npm run host -- [--session TITLE] [--port N] [--bind ADDR] [--data DIR] [--no-discovery] [--content DIR] [--renderer DIR] [--min-free-mb N] [--refuse-free-mb N]
  --session TITLE start a session (or resume the unfinished one with this title): prints its room code and links
  --port N        port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --bind ADDR     address to listen on (default 0.0.0.0: every interface, so learners on the LAN can join)
  --data DIR      where sessions are stored (default ~/.workshop-kit)
  --no-discovery  do not advertise the room on the network (no multicast); tests and CI always pass it
  --content DIR   content pack folder (default ./content)
  --renderer DIR  built app folder (default ./out/renderer)
  --min-free-mb N     warn (stderr and the facilitator's console) when the data folder's disk has less than N MB free
                      (default ${DEFAULT_DISK_THRESHOLDS.warnBelowMb}; checked at start and every minute)
  --refuse-free-mb N  below N MB free, refuse NEW participants; those already in go on (default ${DEFAULT_DISK_THRESHOLDS.refuseBelowMb})
  --budget NAME=N     raise or lower one of the host's budgets (repeatable), e.g. --budget maxLearners=400;
                      names and defaults:
${wrap(Object.entries(DEFAULT_BUDGETS).map(([k, v]) => `${k}=${v}`))}
  --extra-docs LIST   admit documents beyond the room's fixed list, comma-separated, * for one name segment
                      (e.g. room/*,team/*/set) — for tests and benchmarks, never needed in a classroom
  --preflight         check that learners can reach this laptop (interfaces, the port on each address, discovery),
                      print the report and exit (1 if a problem was found); the console's Room check does the same
  --preflight-address ADDR  also check this address (repeatable), e.g. the one printed on the join card`;

function fail(message: string): never {
  process.stderr.write(`host: ${message}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        session: { type: 'string' },
        bind: { type: 'string' },
        data: { type: 'string' },
        'no-discovery': { type: 'boolean' },
        content: { type: 'string' },
        renderer: { type: 'string' },
        'min-free-mb': { type: 'string' },
        'refuse-free-mb': { type: 'string' },
        budget: { type: 'string', multiple: true },
        'extra-docs': { type: 'string' },
        preflight: { type: 'boolean' },
        'preflight-address': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}

const args = parse();
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const port = args.port === undefined ? DEFAULT_PORT : Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, got "${args.port}"`);
const bind = args.bind ?? '0.0.0.0';
const contentDir = resolve(args.content ?? join(repoRoot, 'content'));
const rendererDir = resolve(args.renderer ?? join(repoRoot, 'out', 'renderer'));
const dataDir = resolve(args.data ?? join(homedir(), '.workshop-kit'));
const megabytes = (flag: 'min-free-mb' | 'refuse-free-mb', fallback: number): number => {
  const value = args[flag] === undefined ? fallback : Number(args[flag]);
  if (!Number.isFinite(value) || value < 0) fail(`--${flag} must be a number of megabytes (0 or more), got "${args[flag]}"`);
  return value;
};
const warnBelowMb = megabytes('min-free-mb', DEFAULT_DISK_THRESHOLDS.warnBelowMb);
const refuseBelowMb = megabytes('refuse-free-mb', Math.min(DEFAULT_DISK_THRESHOLDS.refuseBelowMb, warnBelowMb));

const budgets: Partial<Budgets> = {};
for (const entry of args.budget ?? []) {
  const [name, raw] = entry.split('=');
  const value = Number(raw);
  if (!name || !(name in DEFAULT_BUDGETS) || raw === undefined || !Number.isFinite(value) || value <= 0) {
    fail(`--budget takes NAME=N with a positive number and one of: ${Object.keys(DEFAULT_BUDGETS).join(', ')}; got "${entry}"`);
  }
  budgets[name as keyof Budgets] = value;
}
const extraDocs = args['extra-docs'] === undefined ? undefined : extraDocNames(args['extra-docs'].split(',').filter(Boolean));
if (extraDocs === null) fail(`--extra-docs takes document name patterns like room/*,team/*/set; got "${args['extra-docs']}"`);

// Last resort: whatever nobody caught is printed, and the host keeps serving. Why serve on rather than exit: every
// failure we know of is handled where it happens (a bad frame is refused, a failed write is retried and never
// acknowledged, the room's state is in memory and on disk before any ack), so an unforeseen throw comes from one
// request's handler and leaves the rest consistent; exiting would drop every learner's connection for one bad
// message, and an attacker who found one would stop the room at will. The durability rule (acknowledged = on disk)
// holds either way. One exception: running out of memory is not an exception, Node aborts by itself.
let unexpected = 0;
const lastResort = (what: string, error: unknown) => {
  unexpected++;
  process.stderr.write(
    `host: unexpected ${what} (${unexpected} so far; still serving): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
};
process.on('uncaughtException', (error) => lastResort('error', error));
process.on('unhandledRejection', (reason) => lastResort('rejection', reason));

try {
  await mkdir(dataDir, { recursive: true });
  await access(dataDir, constants.W_OK);
} catch (error) {
  fail(`cannot write to the data folder ${dataDir} (${(error as Error).message}): pass --data with a folder you can write to`);
}

const content = await loadContentDir(contentDir);
if (!content.ok) {
  process.stderr.write(
    `host: the content pack in ${contentDir} has ${content.issues.length} problem(s); the app will show them until they are fixed:\n`,
  );
  for (const issue of content.issues) process.stderr.write(`  ${formatIssue(issue, contentDir)}\n`);
}

const sessions = new SessionManager(dataDir, { disk: { warnBelowMb, refuseBelowMb }, budgets, ...(extraDocs ? { extraDocs } : {}) });
const title = args.session?.trim();
if (args.session !== undefined && (!title || title.length > 120))
  fail('--session needs a title of 1 to 120 characters, e.g. --session "MLOps workshop, room 4"');
let room;
try {
  room = title ? (sessions.resumeByTitle(title) ?? sessions.create(title)) : null;
} catch (error) {
  fail(`cannot open the session "${title}": ${(error as Error).message}`);
}

const loopbackOnly = ['127.0.0.1', 'localhost', '::1'].includes(bind);
let discovery = {
  advertising: false,
  detail: args['no-discovery']
    ? 'off (--no-discovery): learners join by address or QR code'
    : loopbackOnly
      ? `off: bound to ${bind}, which only this laptop can reach`
      : title
        ? 'off: this laptop has no LAN address'
        : 'off: no session running (start one with --session, or from the console)',
};
let host;
try {
  host = await startHost({ port, bind, rendererDir, contentDir, content, sessions, discovery: () => discovery });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(`port ${port} is already in use on ${bind}: stop the other program or pass --port 0 for a free port`);
  if (code === 'EADDRNOTAVAIL') fail(`${bind} is not an address of this machine: pass --bind 0.0.0.0 or one of its addresses`);
  fail((error as Error).message);
}

// Advertise the running session on the LAN (DNS-SD over mDNS) unless told not to, or bound to loopback only.
let advertisement: Advertisement | null = null;
if (room && !args['no-discovery'] && host.lanUrls.length > 0) {
  advertisement = advertise({ title: room.meta.title, code: room.meta.code, port: host.port });
  discovery = { advertising: true, detail: `advertising "${room.meta.title}" as _${SERVICE_TYPE}._tcp (mDNS) on the LAN` };
}

process.stdout.write(
  `${JSON.stringify({
    event: 'listening',
    url: host.url,
    lanUrls: host.lanUrls,
    port: host.port,
    bind,
    discovery: advertisement !== null,
    content: content.ok ? 'ok' : 'invalid',
    dataDir,
    ...(room
      ? {
          room: room.meta.code,
          title: room.meta.title,
          sessionId: room.meta.id,
          joinUrls: (host.lanUrls.length > 0 ? host.lanUrls : [host.url]).map((u) => `${u}join/${room.meta.code}`),
          // Carries the host key: printed here, on the host's own console, and never served.
          facilitatorUrl: `${host.url}console/${room.meta.code}#key=${sessions.hostKey}`,
        }
      : { consoleUrl: `${host.url}console#key=${sessions.hostKey}` }),
  })}\n`,
);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  process.stderr.write(`host: ${signal} received, closing\n`);
  const force = setTimeout(() => process.exit(0), 3000);
  force.unref();
  void (advertisement?.stop() ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => host.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', () => shutdown('SIGINT'));
if (args.preflight) {
  const report = await host.preflight(args['preflight-address'] ?? []);
  process.stdout.write(`${formatPreflight(report)}\n${JSON.stringify({ event: 'preflight', ...report })}\n`);
  closing = true;
  await (advertisement?.stop() ?? Promise.resolve()).catch(() => undefined);
  await host.close();
  process.exit(report.ok ? 0 : 1);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
