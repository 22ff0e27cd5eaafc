/** Loads the lab's scenario files (content/lab/*.yaml) through the lab's schema, for tests and bench/lab.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario, type Scenario } from '../../shared/lab/scenarioSchema';

export const LAB_DIR = join(import.meta.dirname, '..', '..', 'content', 'lab');

export function loadLabScenarios(dir = LAB_DIR): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseScenario(parse(readFileSync(join(dir, f), 'utf8')), `content/lab/${f}`));
}

/** One file's parsed YAML, unvalidated (for tests that break it on purpose). */
export function readLabScenarioFile(file: string): Record<string, unknown> {
  return parse(readFileSync(join(LAB_DIR, file), 'utf8')) as Record<string, unknown>;
}

export function loadLabScenario(id: string): Scenario {
  const s = loadLabScenarios().find((x) => x.id === id);
  if (!s) throw new Error(`no lab scenario "${id}" in content/lab/`);
  return s;
}
