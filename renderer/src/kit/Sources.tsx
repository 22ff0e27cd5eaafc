/** A list of cited sources; addresses are shown as text (nothing is fetched). */
import type { Source } from '../../../shared/content/schema';
import { Section } from '../ui/bits';

export function sourceText(s: Source): string {
  return [s.authors, s.title, s.publisher, s.year].filter(Boolean).join(', ');
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
