/** Case studies: the list grouped by role in the lesson, and one case in full. */
import { Link, useParams } from 'react-router';
import type { CaseStudy } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList, contentAssetUrl } from '../ui/Markdown';
import { ItemLinks, NotFound, PageHeader, Section } from '../ui/bits';
import { AtAGlance, RoleReading } from './DeliveryParts';
import { Sources } from './Sources';

const KIND_TITLES: Record<CaseStudy['kind'], string> = {
  engage: 'Opening scenario (Engage)',
  elaborate: 'Complex case (Elaborate)',
  application: 'Real-world applications',
};

export function CasesPage() {
  const { pack } = useContent();
  const kinds: CaseStudy['kind'][] = ['engage', 'elaborate', 'application'];
  return (
    <div className="page">
      <PageHeader eyebrow="Case studies" title="Cases to think with" lead="Fictional companies with realistic constraints. Any case marked “Elaborate option” can be given to teams for the strategy design." />
      {kinds.map((kind) => {
        const cases = pack.cases.filter((c) => c.kind === kind);
        if (cases.length === 0) return null;
        return (
          <Section key={kind} title={KIND_TITLES[kind]} id={`cases-${kind}`}>
            <div className="grid">
              {cases.map((c) => (
                <Link key={c.id} to={`/kit/cases/${c.id}`} className="card card-link">
                  <div className="eyebrow">{c.domain}</div>
                  <h3>{c.title}</h3>
                  <Markdown text={c.summary} />
                  {c.elaborateChoice ? <span className="tag bloom">Elaborate option</span> : null}
                </Link>
              ))}
            </div>
          </Section>
        );
      })}
    </div>
  );
}

export function CasePage() {
  const { id } = useParams();
  const { pack } = useContent();
  const c = pack.cases.find((x) => x.id === id);
  if (!c) return <NotFound what="case study" />;
  return (
    <article className="page">
      <PageHeader eyebrow={`${KIND_TITLES[c.kind]} · ${c.domain}`} title={c.title} lead={<Markdown text={c.summary} />} />
      <AtAGlance c={c} />
      {c.image ? <img src={contentAssetUrl(c.image)} alt="" style={{ maxWidth: '100%', borderRadius: 10 }} /> : null}
      {c.atAGlance ? <h2 id="full-case">The full case (pre-reading)</h2> : null}
      {c.roleReading ? (
        <details className="card">
          <summary>
            <strong>Who reads what</strong> (each role reads its part)
          </summary>
          <RoleReading c={c} />
        </details>
      ) : null}
      {c.facts.length > 0 ? (
        <div className="card">
          <dl className="facts">
            {c.facts.map((f, i) => (
              <div key={i} style={{ display: 'contents' }}>
                <dt>{f.label}</dt>
                <dd>
                  <Markdown text={f.value} inline />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
      <div className="section">
        <Markdown text={c.body} />
      </div>
      {c.moreContext ? (
        <details className="card section">
          <summary>
            <strong>More context for those new to ML deployment</strong>
          </summary>
          <Markdown text={c.moreContext} />
        </details>
      ) : null}
      {c.symptoms && c.symptoms.length > 0 ? (
        <Section title="Symptoms" id="symptoms">
          <MarkdownList items={c.symptoms} />
        </Section>
      ) : null}
      {c.incidents && c.incidents.length > 0 ? (
        <Section title="Incidents so far" id="incidents">
          <MarkdownList items={c.incidents} />
        </Section>
      ) : null}
      <Section title="Constraints" id="constraints">
        <MarkdownList items={c.constraints} />
      </Section>
      <Section title="Discussion questions" id="questions">
        <ol className="list">
          {c.discussionQuestions.map((q, i) => (
            <li key={i}>
              <Markdown text={q} inline />
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Concepts this case exercises" id="concepts">
        <ItemLinks ids={c.concepts} showKind={false} />
      </Section>
      <Sources sources={c.sources} />
    </article>
  );
}
