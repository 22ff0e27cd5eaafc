/**
 * CPU time of a process tree, from Linux's /proc: for bench:join, what the browsers (every Chromium process under
 * this one) and the host spend per join — a figure that, unlike wall-clock time, other work on a shared machine
 * barely moves.
 *
 * Owns: walking the descendants of a process (ppid links in /proc/<pid>/stat) and summing utime + stime, plus
 * cutime + cstime (the time of children that already exited and were reaped: Chromium's renderers of closed pages).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { clockTicksPerSecond } from './procStats';

interface Stat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): Stat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after comm, from state (field 3): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
    const at = (n: number) => Number(fields[n - 3]);
    return { pid, ppid: at(4), ticks: at(14) + at(15) + at(16) + at(17) };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by `root`'s descendants (not `root` itself), leaving out the subtrees of `exclude`. */
export function descendantsCpuMs(root: number, exclude: number[] = []): number {
  let stats: Stat[];
  try {
    stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => readStat(Number(name)))
      .filter((s): s is Stat => s !== null);
  } catch {
    return Number.NaN;
  }
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (exclude.includes(child.pid)) continue;
      ticks += child.ticks;
      walk(child.pid);
    }
  };
  walk(root);
  return (ticks * 1000) / clockTicksPerSecond();
}

/** CPU milliseconds used so far by one process and its reaped children; NaN when it is gone. */
export function processCpuMs(pid: number): number {
  const stat = readStat(pid);
  return stat ? (stat.ticks * 1000) / clockTicksPerSecond() : Number.NaN;
}
