/** One concept, explained: what it is, why ML needs it, for DevOps people, an example, pitfalls, tools. */
import { useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLink, ItemLinks, NotFound, PageHeader, Section } from '../ui/bits';
import { Sources } from './Sources';

export function ConceptPage() {
  const { id } = useParams();
  const { pack } = useContent();
  const concept = pack.concepts.find((c) => c.id === id);
  if (!concept) return <NotFound what="concept" />;
  return (
    <article className="page">
      <PageHeader eyebrow="Concept" title={concept.term} lead={<Markdown text={concept.oneLiner} />} />
      {concept.aka && concept.aka.length > 0 ? <p className="muted">Also called: {concept.aka.join(', ')}</p> : null}
      <Section title="What it is" id="what">
        <Markdown text={concept.whatItIs} />
      </Section>
      <Section title="Why ML systems need it" id="why">
        <Markdown text={concept.whyMl} />
      </Section>
      {concept.forDevOps ? (
        <Section title="If you know DevOps" id="devops">
          <Markdown text={concept.forDevOps} />
        </Section>
      ) : null}
      <Section title="Example" id="example">
        <div className="card">
          <p>
            <ItemLink id={concept.example.case} />
          </p>
          <Markdown text={concept.example.text} />
        </div>
      </Section>
      <Section title="Pitfalls" id="pitfalls">
        <MarkdownList items={concept.pitfalls} />
      </Section>
      <Section title="Tools" id="tools">
        <ItemLinks ids={concept.tools} showKind={false} empty="No tool cards linked." />
      </Section>
      {concept.related && concept.related.length > 0 ? (
        <Section title="Related concepts" id="related">
          <ItemLinks ids={concept.related} showKind={false} />
        </Section>
      ) : null}
      <Sources sources={concept.sources} />
    </article>
  );
}
