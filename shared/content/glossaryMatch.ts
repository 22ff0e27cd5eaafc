/**
 * Finding glossary terms in text, for the kit's "first use on a page links to the glossary".
 *
 * Owns: the matcher (whole words, case-insensitive except for acronyms, plural -s/-es, longest term first) and the
 * split of a text into plain runs and term runs. Pure; the renderer applies it to Markdown text nodes.
 */
import type { GlossaryTerm } from './schema';

export interface TermMatcher {
  /** Ids of the terms that occur anywhere in `text`. */
  termsIn(text: string): Set<string>;
  /** `text` cut into runs; a run with `termId` is the first occurrence of one of `wanted` (each term once). */
  split(text: string, wanted: ReadonlySet<string>, done: Set<string>): { text: string; termId?: string }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isAcronym = (s: string) => /^[A-Z0-9]{2,}$/.test(s);

export function termMatcher(terms: readonly Pick<GlossaryTerm, 'id' | 'term' | 'aka' | 'autoLink'>[]): TermMatcher {
  const byWord = new Map<string, { id: string; exact?: string }>();
  for (const t of terms) {
    if (t.autoLink === false) continue;
    for (const word of [t.term, ...(t.aka ?? [])]) {
      const key = word.toLowerCase();
      if (!byWord.has(key)) byWord.set(key, { id: t.id, ...(isAcronym(word) ? { exact: word } : {}) });
    }
  }
  const words = [...byWord.keys()].sort((a, b) => b.length - a.length);
  const pattern = words.length ? new RegExp(`(?<![\\w-])(${words.map(escape).join('|')})(?:e?s)?(?![\\w-])`, 'gi') : null;

  const matches = function* (text: string) {
    if (!pattern) return;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const entry = byWord.get(m[1]!.toLowerCase());
      if (!entry || (entry.exact && m[1] !== entry.exact)) continue;
      yield { index: m.index, length: m[0].length, id: entry.id };
    }
  };

  return {
    termsIn(text) {
      const found = new Set<string>();
      for (const m of matches(text)) found.add(m.id);
      return found;
    },
    split(text, wanted, done) {
      const runs: { text: string; termId?: string }[] = [];
      let at = 0;
      for (const m of matches(text)) {
        if (!wanted.has(m.id) || done.has(m.id)) continue;
        done.add(m.id);
        if (m.index > at) runs.push({ text: text.slice(at, m.index) });
        runs.push({ text: text.slice(m.index, m.index + m.length), termId: m.id });
        at = m.index + m.length;
      }
      if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at) });
      return runs;
    },
  };
}
