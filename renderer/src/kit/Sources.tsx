/** A list of cited sources; addresses are shown as text (nothing is fetched). */
import type { Source } from '../../../shared/content/schema';
import { Section } from '../ui/bits';

export function sourceText(s: Source): string {
  return [s.authors, s.title, s.publisher, s.year].filter(Boolean).join(', ');
}

/** The same list, compact, for places that show several items each with its own sources (a slide's notes, ethics). */
export function SourceLine({ sources }: { sources: Source[] | undefined }) {
  if (!sources || sources.length === 0) return null;
  return (
    <p className="muted source-line" data-testid="sources">
      {sources.length === 1 ? 'Source: ' : 'Sources: '}
      {sources.map((s, i) => (
        <span key={i}>
          {i > 0 ? '; ' : ''}
          {sourceText(s)}
          {s.url ? <span className="ext-link"> {s.url}</span> : null}
        </span>
      ))}
    </p>
  );
}

export function Sources({ sources }: { sources: Source[] | undefined }) {
  if (!sources || sources.length === 0) return null;
  return (
    <Section title="Sources" id="sources">
      <ul className="list">
        {sources.map((s, i) => (
          <li key={i}>
            {sourceText(s)}
            {s.url ? <span className="ext-link"> {s.url}</span> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}
