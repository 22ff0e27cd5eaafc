/**
 * Links the first use of a glossary term on a kit page to its entry (/kit/glossary#term-ID).
 *
 * Owns: the per-page scope (which Markdown block claimed which term: the first block in render order, which is
 * document order; a block keeps its claim across re-renders and StrictMode's double render) and the remark
 * plugin that turns the claimed terms' first occurrence in a block's text into links. Outside a scope (the room,
 * the projector, the glossary itself) nothing is linked.
 */
import { createContext, useContext, useId, useMemo, type ReactNode } from 'react';
import { termMatcher, type TermMatcher } from '../../../shared/content/glossaryMatch';
import { useOptionalContent } from './ContentProvider';

interface Scope {
  matcher: TermMatcher;
  claims: Map<string, string>;
  definitions: Map<string, string>;
}

const ScopeContext = createContext<Scope | null>(null);

/** Wrap a page: a new scope for each `pageKey` (the route), so each page links each term once. */
export function GlossaryScope({ pageKey, children }: { pageKey: string; children: ReactNode }) {
  const content = useOptionalContent();
  const glossary = content?.pack.glossary;
  const matcher = useMemo(() => termMatcher((glossary ?? []).flatMap((g) => g.terms)), [glossary]);
  const definitions = useMemo(() => new Map((glossary ?? []).flatMap((g) => g.terms.map((t) => [t.id, `${t.term}: ${t.definition.replace(/\s+/g, ' ').trim()}`] as const))), [glossary]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh set of claims per page
  const scope = useMemo<Scope>(() => ({ matcher, claims: new Map(), definitions }), [matcher, definitions, pageKey]);
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  title?: string | null;
  children?: MdNode[];
}

const SKIP = new Set(['link', 'linkReference', 'inlineCode', 'code', 'heading', 'html', 'definition']);

/** The remark plugin for one Markdown block, or none when the block has no term to link. */
export function useGlossaryPlugin(text: string): (() => (tree: MdNode) => void) | null {
  const scope = useContext(ScopeContext);
  const owner = useId();
  if (!scope) return null;
  const mine = new Set<string>();
  for (const id of scope.matcher.termsIn(text)) {
    if (!scope.claims.has(id)) scope.claims.set(id, owner);
    if (scope.claims.get(id) === owner) mine.add(id);
  }
  if (mine.size === 0) return null;
  const { matcher, definitions } = scope;
  return () => (tree) => {
    const done = new Set<string>();
    const walk = (node: MdNode) => {
      if (!node.children) return;
      node.children = node.children.flatMap((child, i) => {
        // Headings and a table's header row stay plain: a link there reads as a control, not a term.
        if (SKIP.has(child.type) || (node.type === 'table' && i === 0)) return [child];
        if (child.type !== 'text') {
          walk(child);
          return [child];
        }
        return matcher.split(child.value ?? '', mine, done).map((run) =>
          run.termId
            ? { type: 'link', url: `/kit/glossary#term-${run.termId}`, title: definitions.get(run.termId) ?? null, children: [{ type: 'text', value: run.text }] }
            : { type: 'text', value: run.text },
        );
      });
    };
    walk(tree);
  };
}
