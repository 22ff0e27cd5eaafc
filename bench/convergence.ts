/**
 * `npm run bench:convergence -- --seeds 5 --steps 10000`
 *
 * The long run of the seeded convergence fuzz (tests/helpers/convergenceFuzz.ts; `npm test` runs 3 seeds × 1,500
 * steps): one real host Room and real RoomClients on a simulated, deterministic network — random delivery order,
 * lost links, offline spells, reloads, optionally host restarts — editing the session, team boards and notes and
 * room documents, then healed and compared exactly. Each seed's verdict goes to stderr (with its first problems);
 * the last stdout line is one JSON object:
 *   {"seeds":5,"steps":10000,"converged":5,"diverged":0,"lost":0,"unsafeAcks":0,"refused":0,"failedSeeds":[],"problems":{…},"ms":…}
 * converged/diverged: seeds whose replicas all ended exactly the host's, or not (or never settled); lost: seeds where
 * an acknowledged edit went missing (or the files differ from the host's memory); unsafeAcks: seeds where the host
 * acknowledged something it had not written; refused: seeds where the host refused an allowed edit. Exit code 1
 * when any seed failed any of these. A seed replays exactly (same seed, steps and options).
 */
import { parseArgs } from 'node:util';
import { runConvergenceFuzz, type ProblemKind, type Sabotage } from '../tests/helpers/convergenceFuzz';
import { benchCli } from './cli';

const SABOTAGE: Sabotage[] = ['host-drops-every-50th-update', 'disk-loses-every-50th-record'];
const USAGE = `Usage: npm run bench:convergence -- [options]
  --seed N       the first seed (default 1)
  --seeds N      how many seeds, from --seed on (default 5)
  --steps N      scheduler steps per seed (default 10000)
  --learners N   learners besides the facilitator (default 5)
  --teams N      teams the learners are in (default 2)
  --restarts     the host restarts now and then (what it held only in memory is gone)
  --sabotage S   break the host on purpose, to see the fuzz fail: ${SABOTAGE.join(' | ')}
  --verbose      print every problem (default: the first 3 of each kind)`;
const cli = benchCli('bench:convergence', USAGE);
const values = cli.parse(
  () =>
    parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        seeds: { type: 'string', default: '5' },
        steps: { type: 'string', default: '10000' },
        learners: { type: 'string', default: '5' },
        teams: { type: 'string', default: '2' },
        restarts: { type: 'boolean', default: false },
        sabotage: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const firstSeed = cli.number('seed', values.seed, 0);
const seedCount = cli.number('seeds', values.seeds, 1);
const steps = cli.number('steps', values.steps, 0);
const learners = cli.number('learners', values.learners, 1);
const teams = cli.number('teams', values.teams, 1);
if (teams > learners) cli.fail(`--teams (${teams}) must not exceed --learners (${learners})`);
const sabotage = values.sabotage as Sabotage | undefined;
if (sabotage !== undefined && !SABOTAGE.includes(sabotage)) cli.fail(`--sabotage must be one of ${SABOTAGE.join(', ')}, got "${sabotage}"`);
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = performance.now();
const totals: Record<ProblemKind, number> = { 'unsafe-ack': 0, refused: 0, stuck: 0, diverged: 0, lost: 0, disk: 0 };
const line = { seeds: seedCount, steps, converged: 0, diverged: 0, lost: 0, unsafeAcks: 0, refused: 0, failedSeeds: [] as number[], problems: totals, ms: 0 };
for (let seed = firstSeed; seed < firstSeed + seedCount; seed++) {
  const result = await runConvergenceFuzz({ seed, steps, learners, teams, restarts: values.restarts, ...(sabotage ? { sabotage } : {}), log });
  for (const [kind, n] of Object.entries(result.counts) as [ProblemKind, number][]) totals[kind] += n;
  const { counts } = result;
  if (counts.stuck + counts.diverged === 0) line.converged++;
  else line.diverged++;
  if (counts.lost + counts.disk > 0) line.lost++;
  if (counts['unsafe-ack'] > 0) line.unsafeAcks++;
  if (counts.refused > 0) line.refused++;
  if (!result.passed) line.failedSeeds.push(seed);
  const shown = new Map<ProblemKind, number>();
  for (const p of result.problems) {
    const n = shown.get(p.kind) ?? 0;
    shown.set(p.kind, n + 1);
    if (values.verbose || n < 3) log(`  ${p.kind}: ${p.message}`);
  }
}
line.ms = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify(line)}\n`);
process.exit(line.failedSeeds.length === 0 ? 0 : 1);
