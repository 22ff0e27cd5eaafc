/**
 * Diagnostics for `bench:room --probe`: preloaded into the server child (`node --import tsx --import
 * ./bench/hostProbe.ts …`) before the server's own modules load. It changes nothing the server does; it times
 * every synchronous fsync/fdatasync (wrapping `node:fs` and re-syncing its ES-module exports), counts the
 * asynchronous fdatasyncs (the log's group commits) with the time from call to callback, and the event loop's delay. The bench sends SIGUSR2 when its measured window opens (the probe starts counting afresh) and again when
 * it closes (the probe freezes its figures); on exit the probe prints one line to stderr:
 *   probe {"windowMs":…,"fsyncCalls":…,"fsyncMs":{p50,p95,p99,max},"blockedInFsyncMs":…,"slowFsyncs":[…],
 *          "asyncFdatasyncs":…,"asyncFdatasyncMs":{p50,p95,p99,max},"loopDelayMs":{…}}
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 2;
let durations: number[] = [];
let asyncDurations: number[] = [];
let slow: { atMs: number; ms: number; call: string }[] = [];
let windowStart = performance.now();
let frozen: string | null = null;
const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
loop.enable();

function wrap(name: 'fsyncSync' | 'fdatasyncSync'): void {
  const original = fs[name];
  fs[name] = ((fd: number) => {
    const t = performance.now();
    try {
      original(fd);
    } finally {
      const ms = performance.now() - t;
      durations.push(ms);
      if (ms >= 20) slow.push({ atMs: Math.round(t - windowStart), ms: Number(ms.toFixed(1)), call: name });
    }
  }) as typeof original;
}
wrap('fsyncSync');
wrap('fdatasyncSync');
const originalFdatasync = fs.fdatasync;
fs.fdatasync = ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
  const t = performance.now();
  originalFdatasync(fd, (error) => {
    asyncDurations.push(performance.now() - t);
    callback(error);
  });
}) as typeof originalFdatasync;
syncBuiltinESMExports();

function summary(): string {
  const sorted = [...durations].sort((a, b) => a - b);
  const asyncSorted = [...asyncDurations].sort((a, b) => a - b);
  const rank = (values: number[], p: number) =>
    values.length ? Number(values[Math.min(values.length - 1, Math.max(0, Math.ceil(p * values.length) - 1))]!.toFixed(2)) : null;
  const at = (p: number) => rank(sorted, p);
  const asyncAt = (p: number) => rank(asyncSorted, p);
  // The histogram holds whole sampling intervals: the delay is what exceeds the resolution.
  const delay = (ns: number) => Number(Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(2));
  return JSON.stringify({
    windowMs: Math.round(performance.now() - windowStart),
    fsyncCalls: sorted.length,
    fsyncMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) },
    blockedInFsyncMs: Math.round(sorted.reduce((a, b) => a + b, 0)),
    slowFsyncs: slow.slice(0, 40),
    asyncFdatasyncs: asyncSorted.length,
    asyncFdatasyncMs: { p50: asyncAt(0.5), p95: asyncAt(0.95), p99: asyncAt(0.99), max: asyncAt(1) },
    loopDelayMs: { p50: delay(loop.percentile(50)), p99: delay(loop.percentile(99)), max: delay(loop.max) },
  });
}

let marks = 0;
process.on('SIGUSR2', () => {
  marks++;
  if (marks === 1) {
    durations = [];
    asyncDurations = [];
    slow = [];
    windowStart = performance.now();
    loop.reset();
  } else if (marks === 2) frozen = summary();
});

process.on('exit', () => {
  process.stderr.write(`probe ${frozen ?? summary()}\n`);
});
