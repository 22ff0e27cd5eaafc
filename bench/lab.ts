/**
 * `npm run bench:lab -- [--scenario fraud-paylark] [--seed 1] [--days 90] [--cpu-prof DIR]`
 *
 * The MLOps lab's engine, in Node, through the same code the Web Worker runs (shared/lab/session.ts): a team
 * trains and promotes a model, switches on monitoring (maturity level 1, no automatic retraining), simulates 60
 * days, retrains once on fresh labels and promotes through the gate, then simulates the remaining 30. 10,000 scored rows a
 * day, with labels arriving, drift (PSI + KS per feature), validation and quality monitoring every day.
 *   simulateMs  wall time of the whole replay, session set-up with its labelled history included (the faster of
 *               the two replays)
 *   trainMs     wall time of the one retraining: train + register + promote through the gate (faster of two)
 *   deterministic  the same seed replayed twice gives identical state (runs, registry, every day's record)
 * Progress and CPU times go to stderr; the LAST line of stdout is one JSON object (a contract: keep the key names).
 * The machine is shared: wall time includes waiting for a core, so cpuMs (this process's CPU time) is printed too.
 */
import { loadavg } from 'node:os';
import { loadLabScenario } from '../tests/helpers/labScenarios';
import { LabSession } from '../shared/lab/session';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const scenario = loadLabScenario(arg('scenario', 'fraud-paylark'));
const seed = Number(arg('seed', '1'));
const days = Number(arg('days', '90'));
// The retraining happens once labels from after the scenario's day-35 concept drift have arrived (delay 14).
const retrainDay = Math.min(days, Number(arg('retrain-day', '60')));

function advance(s: LabSession, n: number): void {
  for (let left = n; left > 0; left -= 30) s.apply({ type: 'advance', days: Math.min(30, left) });
}

function run(): { session: LabSession; simulateMs: number; trainMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const s = new LabSession(scenario, seed);
  for (const a of [
    { type: 'setLevel', level: 1 },
    { type: 'setTriggers', scheduleDays: null, onDrift: false },
    { type: 'train' },
    { type: 'register', runId: 'run-1' },
    { type: 'promote', version: 1 },
  ]) {
    const e = s.apply(a);
    if (e) throw new Error(e);
  }
  advance(s, retrainDay);
  const t1 = performance.now();
  for (const a of [{ type: 'train' }, { type: 'register', runId: 'run-2' }, { type: 'promote', version: 2 }]) s.apply(a);
  const trainMs = performance.now() - t1;
  advance(s, days - retrainDay);
  const simulateMs = performance.now() - t0;
  const u = process.cpuUsage(cpu);
  return { session: s, simulateMs, trainMs, cpuMs: (u.user + u.system) / 1000 };
}

const a = run();
const b = run();
const digest = (s: LabSession): string =>
  JSON.stringify({
    runs: s.state.runs,
    registry: s.state.registry,
    days: s.state.days,
    incidents: s.state.incidents,
    totalCost: s.state.totalCost,
  });
const deterministic = digest(a.session) === digest(b.session);
const st = a.session.state;
const rows = st.days.reduce((x, d) => x + d.rows, 0);
process.stderr.write(
  `lab bench: ${scenario.id} seed ${seed}: ${st.days.length} days, ${rows} rows scored, ${st.runs.length} runs, champion v${st.registry.champion}, ` +
    `alerts ${st.days.reduce((x, d) => x + d.alerts.length, 0)}, errors ${st.errors.length}; ` +
    `load average ${loadavg()[0]!.toFixed(1)}; run 1: ${a.simulateMs.toFixed(0)} ms wall / ${a.cpuMs.toFixed(0)} ms CPU, run 2: ${b.simulateMs.toFixed(0)} ms wall / ${b.cpuMs.toFixed(0)} ms CPU\n`,
);
if (st.errors.length) process.stderr.write(`errors: ${JSON.stringify(st.errors)}\n`);
console.log(
  JSON.stringify({
    days: st.days.length,
    rowsPerDay: scenario.rowsPerDay,
    simulateMs: Math.round(Math.min(a.simulateMs, b.simulateMs)),
    trainMs: Math.round(Math.min(a.trainMs, b.trainMs)),
    deterministic,
  }),
);
