/**
 * The join page stays light: the build measures the JavaScript a learner needs before the room shows (gzipped)
 * and writes it to out/renderer/bundle-report.json; the editor and the whiteboard load on demand.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';

interface Report {
  joinPageGzipBytes: number;
  budgetGzipBytes: number;
  withinBudget: boolean;
  lazy: { file: string; gzipBytes: number }[];
}

let report: Report;
beforeAll(() => {
  spawnSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
  report = JSON.parse(readFileSync('out/renderer/bundle-report.json', 'utf8')) as Report;
});

it('keeps the join page under 400 KB of gzipped JavaScript, with the editor and the whiteboard loaded on demand', () => {
  expect(report.budgetGzipBytes).toBe(400 * 1024);
  expect(report.joinPageGzipBytes).toBeLessThanOrEqual(report.budgetGzipBytes);
  expect(report.withinBudget).toBe(true);
  const lazy = report.lazy.map((c) => c.file).join(' ');
  expect(lazy).toMatch(/TeamBoard-/);
  expect(lazy).toMatch(/CollaborativeEditor-/);
});

it('loads the MLOps lab on demand: its pages and its engine (useLabEngine, with recharts and xyflow) are not on the join page', () => {
  const lazy = report.lazy.map((c) => c.file).join(' ');
  const labChunks = ['LabPage', 'RoomTeamLab', 'RoomLabComparison', 'ComparePage', 'useLabEngine'];
  for (const chunk of labChunks) expect(lazy).toMatch(new RegExp(`assets/${chunk}-`));
  // The entry and what it preloads (index.html) name none of them.
  const entry = readFileSync('out/renderer/index.html', 'utf8');
  for (const chunk of labChunks) expect(entry).not.toMatch(new RegExp(`assets/${chunk}-`));
});
