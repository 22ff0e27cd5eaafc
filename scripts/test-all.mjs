#!/usr/bin/env node
/**
 * `npm test`: every check, in order — typecheck, lint, content check, build, unit/integration (vitest),
 * end-to-end (Playwright in Debian's Chromium, plus the Electron smoke test where the binary exists).
 * Runs them all even when one fails, then prints a closing line `N passed, N failed` summed over the runners
 * (each of typecheck, lint, content check and build counts as one check) and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const results = [];
mkdirSync('test-results', { recursive: true });
for (const f of ['test-results/vitest.json', 'test-results/playwright.json', 'test-results/slowest.txt', 'test-results/summary.txt']) rmSync(f, { force: true });

function run(name, command, args, env = {}) {
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  process.stdout.write(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

for (const [name, args] of [
  ['typecheck', ['run', '-s', 'typecheck']],
  ['lint', ['run', '-s', 'lint']],
  ['content check', ['run', '-s', 'content:check']],
  ['build', ['run', '-s', 'build']],
]) {
  const ok = run(name, 'npm', args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

const vitestOk = run('unit and integration tests (vitest)', 'npx', ['vitest', 'run']);
const vitest = readJson('test-results/vitest.json');
results.push({
  name: 'vitest',
  passed: vitest?.numPassedTests ?? 0,
  failed: vitest ? vitest.numFailedTests + (vitestOk || vitest.numFailedTests > 0 ? 0 : 1) : 1,
  skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0),
});

if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.log('\nChromium is missing: install it with `apt-get install -y chromium` (or run bash .ci/run, which does).');
}
const e2eOk = run('end-to-end tests (Playwright)', 'npx', ['playwright', 'test']);
const pw = readJson('test-results/playwright.json');
const stats = pw?.stats;
results.push({
  name: 'playwright',
  passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
  failed: stats ? stats.unexpected + (e2eOk || stats.unexpected > 0 ? 0 : 1) : 1,
  skipped: stats?.skipped ?? 0,
});

/** Skipped Playwright tests with the reason they gave (test.skip(condition, reason)). */
function skipReasons(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const reason = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        out.push(`${spec.title} — ${reason}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return out;
}

/** Every test's duration from both reports, slowest first: creeping slowness shows in every run. */
function durations() {
  const out = [];
  for (const file of vitest?.testResults ?? []) {
    const where = file.name.replace(`${process.cwd()}/`, '');
    for (const t of file.assertionResults ?? []) out.push({ ms: t.duration ?? 0, name: `vitest ${where} › ${t.fullName ?? t.title}` });
  }
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const ms = (t.results ?? []).reduce((n, r) => n + (r.duration ?? 0), 0);
        out.push({ ms, name: `playwright [${t.projectName}] ${spec.file ?? file} › ${spec.title}` });
      }
    }
    for (const child of suite.suites ?? []) walk(child, suite.file ?? file);
  };
  for (const suite of pw?.suites ?? []) walk(suite, suite.file);
  return out.sort((a, b) => b.ms - a.ms);
}
const slowest = durations().slice(0, 10).map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.name}`);
writeFileSync('test-results/slowest.txt', `Slowest ten tests:\n${slowest.join('\n')}\n`);

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log('\nSummary:');
for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
if (skipped) console.log(`  ${skipped} skipped, each only for what this machine cannot run:`);
for (const line of skipReasons(pw)) console.log(`  skipped: ${line}`);
console.log(`\nSlowest ten tests:\n${slowest.join('\n')}`);
const closing = `${passed} passed, ${failed} failed`;
writeFileSync('test-results/summary.txt', `${closing}\n`);
console.log(closing);
process.exit(failed === 0 ? 0 : 1);
