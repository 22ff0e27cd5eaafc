/** The MLOps strategy template: sections, guiding questions, hints linked to concepts, example answers. */
import { useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { ItemLink, NotFound, PageHeader } from '../ui/bits';
import { CaseExamples } from './DeliveryParts';

export function TemplatePage() {
  const { id } = useParams();
  const { pack } = useContent();
  const t = pack.templates.find((x) => x.id === id);
  if (!t) return <NotFound what="template" />;
  return (
    <article className="page">
      <PageHeader eyebrow="Strategy template" title={t.title} lead={<Markdown text={t.intro} />} />
      {t.fullVersion ? (
        <p>
          Extension: <ItemLink id={t.fullVersion} />
        </p>
      ) : null}
      <nav aria-label="Template sections" className="card no-print">
        <ol className="list" style={{ margin: 0 }}>
          {t.sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {t.sections.map((s, i) => (
        <section key={s.id} id={s.id} className="section" aria-labelledby={`${s.id}-h`}>
          <h2 id={`${s.id}-h`}>{/^\d/.test(s.title) ? s.title : `${i + 1}. ${s.title}`}</h2>
          <Markdown text={s.purpose} />
          <h3>Guiding questions</h3>
          <ul className="list">
            {s.guidingQuestions.map((q, j) => (
              <li key={j}>
                <Markdown text={q} inline />
              </li>
            ))}
          </ul>
          {s.hints.length > 0 ? (
            <>
              <h3>Hints</h3>
              <ul className="list">
                {s.hints.map((h, j) => (
                  <li key={j}>
                    <Markdown text={h.text} inline /> {h.concept ? <ItemLink id={h.concept} showKind={false} /> : null}{' '}
                    {h.case ? <ItemLink id={h.case} showKind={false} /> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <details className="card">
            <summary>
              <strong>Example answer (for the facilitator)</strong>
            </summary>
            <Markdown text={s.exampleAnswer} />
            <CaseExamples examples={s.examples} />
          </details>
        </section>
      ))}
    </article>
  );
}
