/**
 * The glossary (/kit/glossary): every term in plain words, searchable (MiniSearch, prefix and typo-tolerant, as on
 * the concepts page). Each entry has an anchor `#term-ID`, which the kit's text links to (content/GlossaryLinks).
 */
import MiniSearch from 'minisearch';
import { Search } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { GlossaryTerm } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { PageHeader } from '../ui/bits';
import { sourceText } from './Sources';

export function buildGlossarySearch(terms: GlossaryTerm[]): MiniSearch<GlossaryTerm> {
  const search = new MiniSearch<GlossaryTerm>({
    fields: ['term', 'aka', 'definition'],
    storeFields: [],
    extractField: (doc, field) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    },
    searchOptions: { boost: { term: 4, aka: 3 }, prefix: true, fuzzy: 0.2 },
  });
  search.addAll(terms);
  return search;
}

export function GlossaryPage() {
  const { pack } = useContent();
  const { hash } = useLocation();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(params.get('q') ?? '');
  const glossary = pack.glossary?.[0];
  const terms = useMemo(() => [...(pack.glossary ?? []).flatMap((g) => g.terms)].sort((a, b) => a.term.localeCompare(b.term)), [pack.glossary]);
  const search = useMemo(() => buildGlossarySearch(terms), [terms]);
  const results = useMemo(() => {
    if (!draft.trim()) return terms;
    const ids = search.search(draft.trim()).map((r) => r.id as string);
    return ids.map((id) => terms.find((t) => t.id === id)).filter((t): t is GlossaryTerm => !!t);
  }, [draft, search, terms]);
  useEffect(() => {
    if (hash.startsWith('#term-')) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [hash]);

  return (
    <div className="page">
      <PageHeader eyebrow="Reference" title={glossary?.title ?? 'Glossary'} lead={`${terms.length} terms in plain words. The concepts go deeper on the big ideas.`} />
      {glossary?.intro ? <Markdown text={glossary.intro} /> : null}
      <div className="search-box" role="search">
        <Search size={18} aria-hidden="true" />
        <label htmlFor="glossary-search" className="visually-hidden">
          Search the glossary
        </label>
        <input
          id="glossary-search"
          className="input"
          type="search"
          placeholder="Search terms, e.g. holdout, canary, calibration"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setParams(e.target.value ? { q: e.target.value } : {}, { replace: true });
          }}
        />
      </div>
      <p className="muted" role="status" aria-live="polite">
        {draft.trim() ? `${results.length} of ${terms.length} terms match “${draft.trim()}”` : `${terms.length} terms`}
      </p>
      <dl className="glossary glossary-terms" data-testid="glossary">
        {results.map((t) => (
          <div key={t.id} id={`term-${t.id}`} className={hash === `#term-${t.id}` ? 'glossary-term is-target' : 'glossary-term'}>
            <dt>
              <strong>{t.term}</strong>
              {t.aka && t.aka.length > 0 ? <span className="muted"> — also: {t.aka.join(', ')}</span> : null}
            </dt>
            <dd>
              <Markdown text={t.definition} />
              {t.concept ? (
                <p className="muted">
                  More: <Link to={`/kit/concepts/${t.concept}`}>{pack.concepts.find((c) => c.id === t.concept)?.term ?? t.concept}</Link>
                </p>
              ) : null}
              {t.sources?.length ? <p className="muted">Source: {t.sources.map(sourceText).join('; ')}</p> : null}
            </dd>
          </div>
        ))}
      </dl>
      {results.length === 0 ? <p className="empty">No term matches. Try a shorter word, or clear the search.</p> : null}
    </div>
  );
}
