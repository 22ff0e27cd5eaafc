/** The concept glossary with full-text search (MiniSearch: prefix and typo-tolerant, built once per pack). */
import MiniSearch from 'minisearch';
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Concept } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { PageHeader } from '../ui/bits';

export function buildConceptSearch(concepts: Concept[]): MiniSearch<Concept> {
  const search = new MiniSearch<Concept>({
    fields: ['term', 'aka', 'oneLiner', 'whatItIs', 'whyMl'],
    storeFields: [],
    extractField: (doc, field) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    },
    searchOptions: { boost: { term: 4, aka: 3, oneLiner: 2 }, prefix: true, fuzzy: 0.2 },
  });
  search.addAll(concepts);
  return search;
}

export function ConceptsPage() {
  const { pack } = useContent();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [draft, setDraft] = useState(query);
  const search = useMemo(() => buildConceptSearch(pack.concepts), [pack.concepts]);
  const ordered = useMemo(() => {
    const byLesson = pack.lesson.keyConcepts.map((id) => pack.concepts.find((c) => c.id === id)).filter((c): c is Concept => !!c);
    return [...byLesson, ...pack.concepts.filter((c) => !pack.lesson.keyConcepts.includes(c.id))];
  }, [pack]);
  const results = useMemo(() => {
    if (!draft.trim()) return ordered;
    const ids = search.search(draft.trim()).map((r) => r.id as string);
    return ids.map((id) => pack.concepts.find((c) => c.id === id)).filter((c): c is Concept => !!c);
  }, [draft, ordered, search, pack.concepts]);

  return (
    <div className="page">
      <PageHeader eyebrow="Glossary" title="Key concepts" lead="Each concept in one line for newcomers, then in depth: why ML needs it, an example from the case studies, pitfalls and tools." />
      <div className="search-box" role="search">
        <Search size={18} aria-hidden="true" />
        <label htmlFor="concept-search" className="visually-hidden">
          Search concepts
        </label>
        <input
          id="concept-search"
          className="input"
          type="search"
          placeholder="Search concepts, e.g. drift, registry, SHAP"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setParams(e.target.value ? { q: e.target.value } : {}, { replace: true });
          }}
        />
      </div>
      <p className="muted" role="status" aria-live="polite">
        {draft.trim() ? `${results.length} of ${pack.concepts.length} concepts match “${draft.trim()}”` : `${pack.concepts.length} concepts`}
      </p>
      <ul className="glossary">
        {results.map((c) => (
          <li key={c.id}>
            <h3>
              <Link to={`/kit/concepts/${c.id}`}>{c.term}</Link>
              {c.aka && c.aka.length > 0 ? <span className="muted" style={{ fontWeight: 400, fontSize: '0.9rem' }}> — also: {c.aka.join(', ')}</span> : null}
            </h3>
            <Markdown text={c.oneLiner} />
          </li>
        ))}
      </ul>
      {results.length === 0 ? <p className="empty">No concept matches. Try a shorter word, or browse the full list by clearing the search.</p> : null}
    </div>
  );
}
