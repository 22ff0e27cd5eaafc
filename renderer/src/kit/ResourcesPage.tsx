/** References and curated reading by level, each an offline summary. */
import { Link, useParams } from 'react-router';
import type { Resource } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLinks, NotFound, PageHeader, Section } from '../ui/bits';
import { Sources } from './Sources';

const LEVELS: { level: Resource['level']; title: string }[] = [
  { level: 'all', title: 'For everyone' },
  { level: 'novice', title: 'New to ML' },
  { level: 'experienced', title: 'Experienced practitioners' },
];

export function ResourcesPage() {
  const { pack } = useContent();
  const named = new Set(pack.lesson.additionalResources);
  return (
    <div className="page">
      <PageHeader eyebrow="Resources" title="Reading, offline" lead="Summaries written for this kit, so the room can use them without internet. Each names the original to read later." />
      {pack.lesson.additionalResources.length > 0 ? (
        <Section title="The lesson's references" id="references">
          <ResourceCards resources={pack.resources.filter((r) => named.has(r.id))} />
        </Section>
      ) : null}
      {LEVELS.map(({ level, title }) => {
        const items = pack.resources.filter((r) => r.level === level && !named.has(r.id));
        return items.length === 0 ? null : (
          <Section key={level} title={title} id={`level-${level}`}>
            <ResourceCards resources={items} />
          </Section>
        );
      })}
    </div>
  );
}

function ResourceCards({ resources }: { resources: Resource[] }) {
  return (
    <div className="stack">
      {resources.map((r) => (
        <Link key={r.id} to={`/kit/resources/${r.id}`} className="card card-link">
          <div className="eyebrow">
            {r.kind} · {r.level}
            {r.readingMinutes ? ` · ${r.readingMinutes} min read` : ''}
          </div>
          <h3>{r.title}</h3>
          <p className="muted">{[r.authors, r.publisher, r.year].filter(Boolean).join(', ')}</p>
          <Markdown text={r.summary} />
        </Link>
      ))}
    </div>
  );
}

export function ResourcePage() {
  const { id } = useParams();
  const { pack } = useContent();
  const r = pack.resources.find((x) => x.id === id);
  if (!r) return <NotFound what="resource" />;
  return (
    <article className="page">
      <PageHeader eyebrow={`${r.kind} · ${r.level}`} title={r.title} lead={[r.authors, r.publisher, r.year].filter(Boolean).join(', ')} />
      <p className="muted">
        Original: <span className="ext-link">{r.citation}</span>
      </p>
      <div className="callout">
        <Markdown text={r.summary} />
      </div>
      <Section title="Key points" id="key-points">
        <MarkdownList items={r.keyPoints} />
      </Section>
      {r.body ? (
        <Section title="Summary" id="summary">
          <Markdown text={r.body} />
        </Section>
      ) : null}
      <Sources sources={r.sources} />
      {r.concepts ? (
        <Section title="Concepts" id="concepts">
          <ItemLinks ids={r.concepts} showKind={false} />
        </Section>
      ) : null}
    </article>
  );
}
