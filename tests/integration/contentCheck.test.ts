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

  it('counts what makes the pack deliverable to 40–60 people: a large-room variant per phase, a guide per case, the exit ticket', () => {
    const { status, json } = contentCheck();
    expect(status).toBe(0);
    expect(json.largeRoomVariants).toBe(json.phases);
    expect(json.largeRoomBreakMinutes).toBe(10);
    expect(json.caseGuides).toBe(json.caseStudies);
    expect(json.casesAtAGlance).toBe(json.caseStudies);
    expect(json.exitTicket).toBe(3);
  });

  it("fails when a case's at-a-glance block is missing or a large-room variant's timings do not add up", () => {
    const noGlance = contentCheck(brokenCopy('cases/fraud-detection.yaml', (t) => t.replace(/^atAGlance: \|-\n(?: {2}.*\n|\n)+/m, '')));
    expect(noGlance.status).toBe(1);
    expect(noGlance.stderr).toMatch(/cases\/fraud-detection\.yaml: atAGlance: missing/);
    const late = contentCheck(brokenCopy('phases/explore.yaml', (t) => t.replace(/^ {4}- minute: 41\n {6}minutes: 4$/m, '    - minute: 41\n      minutes: 6')));
    expect(late.status).toBe(1);
    expect(late.stderr).toMatch(/phases\/explore\.yaml: largeRoom\.steps: end at minute 47 but the phase lasts 45 minutes/);
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
