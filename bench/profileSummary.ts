/**
 * `node --import tsx bench/profileSummary.ts FILE.cpuprofile [--top N]` — where a server child's time went, from
 * a V8 CPU profile written by `bench:room --cpu-prof DIR`: self time by function (with file:line) and total
 * (inclusive) time of a few functions that matter for the room (fsync, Yjs, ws, JSON, zod). Samples taken while
 * the main thread is blocked in a synchronous system call (fdatasyncSync) count as that function's self time,
 * which is what makes this useful for finding event-loop stalls, not only CPU. `--match REGEX` (repeatable) adds
 * the inclusive time of frames whose "functionName file:line" matches.
 *
 * Only the measured window counts: `bench:room --cpu-prof` writes `window.<pid>.json` (the window's start and end
 * in CLOCK_MONOTONIC µs, the clock of the profile's timestamps) next to the server's profiles, and the samples
 * outside it (start-up, joining, the drain) are left out. `--whole` counts the whole profile.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values, positionals } = parseArgs({
  options: {
    top: { type: 'string', default: '25' },
    match: { type: 'string', multiple: true, default: [] },
    whole: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) {
  process.stderr.write('Usage: node --import tsx bench/profileSummary.ts FILE.cpuprofile [--top N] [--match REGEX]… [--whole]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// The measured window, when bench:room wrote one for this process (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile).
const pid = /^CPU\.\d+\.\d+\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(basename(file))?.[1];
const windowFile = pid ? join(dirname(file), `window.${pid}.json`) : null;
const window =
  !values.whole && windowFile && existsSync(windowFile)
    ? (JSON.parse(readFileSync(windowFile, 'utf8')) as { startUs: number; endUs: number })
    : null;
// Each sample's duration, or 0 outside the window.
const weight: number[] = [];
let at = profile.startTime;
profile.samples.forEach((_, i) => {
  at += profile.timeDeltas[i] ?? 0;
  weight.push(!window || (at >= window.startUs && at < window.endUs) ? (profile.timeDeltas[i] ?? 0) : 0);
});
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + weight[i]!));
const totalUs = window ? window.endUs - window.startUs : profile.endTime - profile.startTime;

const label = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
};

const selfByLabel = new Map<string, number>();
for (const [id, us] of selfUs) {
  const key = label(byId.get(id)!);
  selfByLabel.set(key, (selfByLabel.get(key) ?? 0) + us);
}
const ms = (us: number) => (us / 1000).toFixed(1).padStart(9);
const pct = (us: number) => ((us / totalUs) * 100).toFixed(1).padStart(5);
console.log(
  `${file}: ${(totalUs / 1e6).toFixed(1)} s ${window ? `(the measured window, from ${windowFile})` : 'profiled (the whole process)'}, ` +
    `${weight.filter((w) => w > 0).length} samples`,
);
const busyUs = [...selfByLabel].filter(([key]) => key !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
console.log(`busy (not idle): ${ms(busyUs).trim()} ms, ${pct(busyUs).trim()}% of wall time`);
console.log('\nself time (ms, % of wall time):');
for (const [key, us] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
  console.log(`${ms(us)} ${pct(us)}%  ${key}`);

// Self time by source: a package, a file of ours, node's internals, or a native/V8 entry.
const source = (n: ProfileNode) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : `native ${n.callFrame.functionName}`;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
};
const bySource = new Map<string, number>();
for (const [id, us] of selfUs) {
  const key = source(byId.get(id)!);
  bySource.set(key, (bySource.get(key) ?? 0) + us);
}
console.log('\nself time by source (ms, % of wall time):');
for (const [key, us] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms(us)} ${pct(us)}%  ${key}`);

// Inclusive time of selected functions: a sample counts once if any frame on its stack matches.
const groups: Record<string, RegExp> = {
  'fs sync (fdatasyncSync/fsyncSync/writeSync)': /^(fdatasyncSync|fsyncSync|writeSync|openSync|renameSync|closeSync) /,
  'DocLog.flush': /^flush .*docLog/,
  'Room.receive': /^receive .*room\.ts/,
  'Room.write (apply + ack)': /^write .*room\.ts/,
  'Room.onDocUpdate (log + broadcast)': /^onDocUpdate /,
  'Y.applyUpdate': /^applyUpdate .*yjs/,
  'ws send (sender)': /^(send|sendFrame|dispatch) .*node_modules\/ws\/lib\/(sender|websocket)/,
  'ws receive (receiver)': /^(getData|dataMessage|getPayloadLength16|startLoop|_write) .*node_modules\/ws\/lib\/receiver/,
  'JSON.stringify/parse': /^(stringify|parse) $/,
  'zod (parseClientText)': /^parseClientText /,
  'setupWSConnection messageListener (stock)': /^messageListener /,
  'garbage collector': /^\(garbage collector\)/,
  '(idle)': /^\(idle\)/,
};
// --match REGEX: inclusive time of any frame whose "functionName file:line" matches.
for (const pattern of values.match) groups[`match ${pattern}`] = new RegExp(pattern);
const inclusive = new Map<string, number>(Object.keys(groups).map((g) => [g, 0]));
profile.samples.forEach((id, i) => {
  const matched = new Set<string>();
  for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
    const key = label(byId.get(node)!);
    for (const [group, pattern] of Object.entries(groups)) if (pattern.test(key)) matched.add(group);
  }
  for (const group of matched) inclusive.set(group, inclusive.get(group)! + weight[i]!);
});
console.log('\ninclusive time of selected functions (ms, % of wall time):');
for (const [group, us] of inclusive) console.log(`${ms(us)} ${pct(us)}%  ${group}`);
