/**
 * `npm run content:check [-- --dir PATH] [--no-delivery]`: validates a content pack, and (unless `--no-delivery`) that
 * it is deliverable to a large room: large-room variants, at-a-glance blocks, case guides, pre-work (deliveryChecks.ts).
 * Prints one JSON line to stdout: the counts on success, `{"ok":false,"issues":[…]}` on failure (exit 1),
 * and each issue as a readable line on stderr ("content/phases/engage.yaml: minutes: …").
 */
import { resolve } from 'node:path';
import { loadContentDir } from '../electron/host/contentLoader';
import { deliveryGaps } from '../shared/content/deliveryChecks';
import { formatIssue, type PackResult } from '../shared/content/pack';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = resolve(dirIndex >= 0 && args[dirIndex + 1] ? args[dirIndex + 1]! : 'content');

const loaded = await loadContentDir(dir);
// The workshop's own pack must also be deliverable to a large room (deliveryChecks.ts); other packs may opt out.
const strict = !args.includes('--no-delivery');
const gaps = loaded.ok && strict ? deliveryGaps(loaded.pack) : [];
const result: PackResult = loaded.ok && gaps.length > 0 ? { ok: false, issues: gaps } : loaded;
if (result.ok) {
  console.log(JSON.stringify({ ...result.summary, ok: true }));
} else {
  for (const issue of result.issues) console.error(formatIssue(issue, dir === resolve('content') ? 'content' : dir));
  console.error(`\n${result.issues.length} problem(s) in the content pack. Fix the file and field named above, then run npm run content:check again.`);
  console.log(JSON.stringify({ ok: false, issues: result.issues }));
  process.exitCode = 1;
}
