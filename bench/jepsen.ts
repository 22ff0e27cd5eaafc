/**
 * `npm run bench:jepsen -- --seed N --kills 10 [--clients 20] [--rate 5] [--seconds 3] [--offline-clients N] …`
 *
 * The Jepsen-style set test of tests/helpers/setTest.ts, long and seeded: learners add tagged items while the real
 * host (loopback, --no-discovery) is SIGKILLed and restarted on the same port, a third of them drop at once and a
 * third go offline across each kill; after healing, every acknowledged item must be on the host, nothing
 * unexpected anywhere, every replica identical to the host's. Progress goes to stderr; the LAST line of stdout is
 * one JSON object (a contract: keep the key names):
 *   {"added":…,"acknowledged":…,"lostAcknowledged":0,"unexpected":0,"replicasDiffering":0,"convergeP95Ms":…,…}
 * Exit code 0 when nothing acknowledged was lost, nothing unexpected appeared and no replica differs; 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { defaultSetTestOptions, runSetTest } from '../tests/helpers/setTest';
import { benchCli } from './cli';

const USAGE = `Usage: npm run bench:jepsen -- [options]
  --seed N             seed of every random choice: who writes where, when the host dies, who drops, who goes
                       offline and for how long (default 1)
  --kills N            times the host is SIGKILLed mid-write and restarted (default 10)
  --clients N          learners (default 20), in teams of 4; a facilitator and readers are extra
  --rate R             items each learner adds per second (default 5)
  --seconds S          average seconds of writing between kills (default 3; uniform in 0.67–1.33 × S)
  --down-ms MS         the host stays dead up to MS ms before it restarts (default 1000; uniform in 0–MS)
  --drop-clients N     learners that drop their connection at once during each cycle (default clients/3)
  --offline-clients N  learners (of --clients) that lose their network while the host is dead, at each kill (that
                       share of those connected), each for --offline-min to --offline-max s (default clients/3; 0: none)
  --offline-min S      shortest offline time, seconds (default 5)
  --offline-max S      longest offline time, seconds (default 25)
  --keep-data          keep the host's data folder (its path is printed)`;

const cli = benchCli('bench:jepsen', USAGE);
const args = cli.parse(
  () =>
    parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        kills: { type: 'string', default: '10' },
        clients: { type: 'string', default: '20' },
        rate: { type: 'string', default: '5' },
        seconds: { type: 'string', default: '3' },
        'down-ms': { type: 'string', default: '1000' },
        'drop-clients': { type: 'string' },
        'offline-clients': { type: 'string' },
        'offline-min': { type: 'string', default: '5' },
        'offline-max': { type: 'string', default: '25' },
        'keep-data': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const clients = cli.number('clients', args.clients, 2);
const defaults = defaultSetTestOptions(clients);
const seconds = cli.number('seconds', args.seconds, 0.1, false);
const offlineMin = cli.number('offline-min', args['offline-min'], 0, false);
const offlineMax = cli.number('offline-max', args['offline-max'], offlineMin, false);
const upTo = (flag: string, value: string | undefined, fallback: number) =>
  value === undefined ? fallback : Math.min(clients, cli.number(flag, value, 0));
const log = (line: string) => process.stderr.write(`${line}\n`);

const result = await runSetTest({
  ...defaults,
  seed: cli.number('seed', args.seed, 0),
  kills: cli.number('kills', args.kills, 0),
  rate: cli.number('rate', args.rate, 0, false),
  betweenKillsMs: [(seconds * 2000) / 3, (seconds * 4000) / 3],
  downMs: [0, cli.number('down-ms', args['down-ms'], 0, false)],
  dropClients: upTo('drop-clients', args['drop-clients'], defaults.dropClients),
  offlineClients: upTo('offline-clients', args['offline-clients'], defaults.offlineClients),
  offlineMs: [offlineMin * 1000, offlineMax * 1000],
  keepData: args['keep-data'],
  log,
}).catch((error: unknown) => {
  log(`bench:jepsen failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
const { lostExamples, unexpectedExamples, ...line } = result;
if (lostExamples.length) log(`lost acknowledged, e.g.: ${lostExamples.join(', ')}`);
if (unexpectedExamples.length) log(`unexpected, e.g.: ${unexpectedExamples.join(', ')}`);
process.stdout.write(`${JSON.stringify(line)}\n`);
process.exit(line.lostAcknowledged === 0 && line.unexpected === 0 && line.replicasDiffering === 0 ? 0 : 1);
