/**
 * `npm run content:check` on the real pack and on broken copies of it, as a facilitator would run it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSvg } from '../../electron/host/contentLoader';

function contentCheck(dir?: string) {
  const args = ['run', '-s', 'content:check', ...(dir ? ['--', '--dir', dir] : [])];
  const result = spawnSync('npm', args, { encoding: 'utf8' });
  const lines = result.stdout.trim().split('\n');
  return { status: result.status, stderr: result.stderr, json: JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown> };
}

function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wk-check-'));
  cpSync('content', dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

describe('npm run content:check', () => {
  it('validates the lesson pack and prints the summary line with every count', () => {
    const { status, json, stderr } = contentCheck();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(json).toMatchObject({ ok: true, phases: 5, minutes: 180, objectives: 4, concepts: 10, mlTestScoreTests: 28 });
    expect(json.slides).toBeGreaterThanOrEqual(20);
    expect(json.caseStudies).toBeGreaterThanOrEqual(5);
    expect(json.diagrams).toBeGreaterThanOrEqual(6);
    expect(json.templateSections).toBeGreaterThanOrEqual(8);
    expect(json.rubricCriteria).toBeGreaterThanOrEqual(4);
    expect(json.polls).toBeGreaterThanOrEqual(12);
    expect(json.tools).toBeGreaterThanOrEqual(9);
  });

  it('exits non-zero naming the file and the field of a bad value', () => {
    const dir = brokenCopy('concepts/model-drift.yaml', (t) => t.replace(/^term: .*$/m, 'term: 42'));
    const { status, stderr, json } = contentCheck(dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/concepts\/model-drift\.yaml: term: /);
    expect(json.ok).toBe(false);
  });

  it('names the line of a YAML syntax error', () => {
    const dir = brokenCopy('phases/evaluate.yaml', (t) => t.replace(/^goal: /m, 'goal: [unclosed\n'));
    const { status, stderr } = contentCheck(dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/phases\/evaluate\.yaml: YAML syntax error at line \d+/);
  });

  it('catches a dangling reference and a phase that breaks the 180 minutes', () => {
    const dangling = contentCheck(brokenCopy('cases/fraud-detection.yaml', (t) => t.replace(/^concepts:\n/m, 'concepts:\n  - blockchain\n')));
    expect(dangling.status).toBe(1);
    expect(dangling.stderr).toMatch(/cases\/fraud-detection\.yaml: concepts\[0\]: "blockchain" is not the id of any concept/);
    const long = contentCheck(brokenCopy('phases/evaluate.yaml', (t) => t.replace(/^minutes: 15$/m, 'minutes: 20')));
    expect(long.stderr).toMatch(/lesson\.yaml: durationMinutes: is 180 but the phases add up to 185 minutes/);
  });
});

describe('diagram SVG safety', () => {
  it('refuses scripts, handlers, remote resources and missing viewBox', () => {
    const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
    expect(checkSvg('diagrams/a.svg', ok)).toEqual([]);
    const bad = [
      ok.replace('<rect', '<script>alert(1)</script><rect'),
      ok.replace('<rect', '<rect onclick="x()"'),
      ok.replace('<rect', '<image href="https://cdn.example/x.png"/><rect'),
      ok.replace('<rect', '<style>@font-face{src:url(https://fonts.example/f.woff2)}</style><rect'),
      ok.replace(' viewBox="0 0 10 10"', ''),
    ];
    for (const svg of bad) expect(checkSvg('diagrams/a.svg', svg).length, svg).toBeGreaterThan(0);
  });
});
