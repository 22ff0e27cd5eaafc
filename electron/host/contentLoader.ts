/**
 * Reads a content pack from disk and validates it with the shared schema.
 *
 * Owns: walking the folder, YAML parsing (syntax errors carry the line), and handing the parsed files to
 * `assemblePack`. Used by the host at start, by the build and by `npm run content:check`, so all three agree.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { assemblePack, type ContentFile, type ContentIssue, type PackResult } from '../../shared/content/pack';
import type { ContentPack } from '../../shared/content/schema';

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * SVGs ship inside the app and must work offline and safely: no scripts or event handlers, and nothing loaded
 * from elsewhere (external links, remote fonts or images, @import).
 */
export function checkSvg(path: string, text: string): ContentIssue[] {
  const problems: [RegExp, string][] = [
    [/<script\b/i, 'contains a <script>: diagrams must be static drawings'],
    [/\son[a-z]+\s*=/i, 'has an event handler attribute (on…=): remove it'],
    [/(?:href|src)\s*=\s*["']\s*(?:https?:|\/\/)/i, 'links to another site: embed the resource or remove the link'],
    [/url\(\s*["']?\s*(?:https?:|\/\/)/i, 'loads a url() from another site: the room has no internet'],
    [/@import/i, 'uses @import: inline the styles instead'],
  ];
  const issues = problems.filter(([re]) => re.test(text)).map(([, message]) => ({ file: path, field: '', message }));
  if (!/<svg\b[^>]*\bviewBox=/i.test(text)) issues.push({ file: path, field: '', message: 'has no viewBox on its <svg> element, so it cannot scale to the screen' });
  return issues;
}

export async function loadContentDir(root: string): Promise<PackResult> {
  let paths: string[];
  try {
    paths = await walk(root);
  } catch (error) {
    const message = `cannot read the content folder ${root}: ${(error as Error).message}`;
    return { ok: false, issues: [{ file: '', field: '', message }] };
  }
  const files: ContentFile[] = [];
  const assets = new Set<string>();
  const issues: ContentIssue[] = [];
  for (const full of paths) {
    const path = relative(root, full).split(sep).join('/');
    if (!/\.ya?ml$/.test(path)) {
      assets.add(path);
      if (path.endsWith('.svg')) issues.push(...checkSvg(path, await readFile(full, 'utf8')));
      continue;
    }
    const text = await readFile(full, 'utf8');
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const line = error.linePos?.[0];
        issues.push({ file: path, field: '', message: `YAML syntax error${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${error.message.split('\n')[0]}` });
      }
      continue;
    }
    files.push({ path, data: doc.toJS() });
  }
  const result = assemblePack(files, assets);
  if (issues.length === 0) return result;
  return { ok: false, issues: [...issues, ...(result.ok ? [] : result.issues)] };
}

/** A quiz's answers, held by the host: pollId → its correct option ids and explanation. */
export type AnswerKey = Record<string, { correct?: string[]; explanation?: string }>;

/**
 * The pack as everyone may read it (`/content/pack.json` is served to every learner): quiz answers and their
 * explanations removed. The facilitator's console gets them from `/content/answers.json` (host key required) and
 * the room reveals them with the results (the tally document).
 */
export function withoutAnswers(pack: ContentPack): { pack: ContentPack; answers: AnswerKey } {
  const answers: AnswerKey = {};
  const polls = pack.polls.map((bank) => ({
    ...bank,
    polls: bank.polls.map(({ correct, explanation, ...poll }) => {
      if (correct || explanation) answers[poll.id] = { ...(correct ? { correct } : {}), ...(explanation ? { explanation } : {}) };
      return poll;
    }),
  }));
  return { pack: { ...pack, polls }, answers };
}
