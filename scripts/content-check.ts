/**
 * `npm run content:check [-- --dir PATH]`: validates a content pack.
 * Prints one JSON line to stdout: the counts on success, `{"ok":false,"issues":[…]}` on failure (exit 1),
 * and each issue as a readable line on stderr ("content/phases/engage.yaml: minutes: …").
 */
import { resolve } from 'node:path';
import { loadContentDir } from '../electron/host/contentLoader';
import { formatIssue } from '../shared/content/pack';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = resolve(dirIndex >= 0 && args[dirIndex + 1] ? args[dirIndex + 1]! : 'content');

const result = await loadContentDir(dir);
if (result.ok) {
  console.log(JSON.stringify({ ...result.summary, ok: true }));
} else {
  for (const issue of result.issues) console.error(formatIssue(issue, dir === resolve('content') ? 'content' : dir));
  console.error(`\n${result.issues.length} problem(s) in the content pack. Fix the file and field named above, then run npm run content:check again.`);
  console.log(JSON.stringify({ ok: false, issues: result.issues }));
  process.exitCode = 1;
}
