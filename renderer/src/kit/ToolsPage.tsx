/** Offline tool cards: what each MLOps tool does and where it fits. */
import { Link, useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLinks, NotFound, PageHeader, Section } from '../ui/bits';
import { Sources } from './Sources';

export function ToolsPage() {
  const { pack } = useContent();
  return (
    <div className="page-wide">
      <PageHeader eyebrow="Tool cards" title="MLOps tools" lead="Offline cards for the tools the lesson names: what each does, where it fits in the lifecycle, what to watch out for." />
      <div className="grid">
        {pack.tools.map((t) => (
          <Link key={t.id} to={`/kit/tools/${t.id}`} className="card card-link">
            <div className="eyebrow">{t.category}</div>
            <h3>{t.name}</h3>
            <Markdown text={t.whatItDoes.split('\n\n')[0] ?? t.whatItDoes} />
          </Link>
        ))}
      </div>
    </div>
  );
}

export function ToolPage() {
  const { id } = useParams();
  const { pack } = useContent();
  const t = pack.tools.find((x) => x.id === id);
  if (!t) return <NotFound what="tool card" />;
  return (
    <article className="page">
      <PageHeader eyebrow={`Tool card · ${t.category}`} title={t.name} />
      <div className="tags">
        {t.license ? <span className="tag">License: {t.license}</span> : null}
        {t.docs ? <span className="tag">{t.docs}</span> : null}
      </div>
      <Section title="What it does" id="what">
        <Markdown text={t.whatItDoes} />
      </Section>
      <Section title="Where it fits" id="fits">
        <Markdown text={t.whereItFits} />
      </Section>
      {t.strengths ? (
        <Section title="Strengths" id="strengths">
          <MarkdownList items={t.strengths} />
        </Section>
      ) : null}
      {t.watchOutFor ? (
        <Section title="Watch out for" id="watch">
          <MarkdownList items={t.watchOutFor} />
        </Section>
      ) : null}
      {t.alternatives ? (
        <Section title="Alternatives" id="alternatives">
          <p>{t.alternatives.join(' · ')}</p>
        </Section>
      ) : null}
      <Section title="Concepts" id="concepts">
        <ItemLinks ids={t.concepts} showKind={false} />
      </Section>
      <Sources sources={t.sources} />
    </article>
  );
}
