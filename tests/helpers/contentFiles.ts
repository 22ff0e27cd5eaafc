/** Reads the kit's own content for tests under shared/ (which may not touch node:* or electron/ themselves). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadContentDir } from '../../electron/host/contentLoader';

const CONTENT = join(import.meta.dirname, '..', '..', 'content');

/** One content file's parsed YAML, unvalidated, e.g. `readContentYaml('mltestscore/ml-test-score.yaml')`. */
export function readContentYaml(path: string): unknown {
  return parse(readFileSync(join(CONTENT, path), 'utf8'));
}

/** The whole pack as the host loads it (validated and cross-checked). */
export function loadKitContent(): ReturnType<typeof loadContentDir> {
  return loadContentDir(resolve(CONTENT));
}
