/** The evaluation rubric: criteria × levels with descriptors and weights. */
import { useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { NotFound, PageHeader } from '../ui/bits';
import { CaseExamples } from './DeliveryParts';

export function RubricPage() {
  const { id } = useParams();
  const { pack } = useContent();
  const r = pack.rubrics.find((x) => x.id === id);
  if (!r) return <NotFound what="rubric" />;
  return (
    <article className="page-wide">
      <PageHeader eyebrow="Evaluation rubric" title={r.title} lead={r.intro ? <Markdown text={r.intro} /> : undefined} />
      <table className="rubric">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Weight</th>
            {r.levels.map((l) => (
              <th key={l.score} scope="col">
                {l.score} · {l.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                {c.title}
                <div className="muted" style={{ fontWeight: 400, textTransform: 'none', letterSpacing: 0 }}>
                  <Markdown text={c.description} />
                </div>
              </th>
              <td className="weight">{c.weight}%</td>
              {c.descriptors.map((d, i) => (
                <td key={i}>
                  <Markdown text={d} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {r.criteria.some((c) => c.examples?.length) ? (
        <section className="section" aria-labelledby="rubric-examples">
          <h2 id="rubric-examples">Worked examples</h2>
          {r.criteria
            .filter((c) => c.examples?.length)
            .map((c) => (
              <div key={c.id}>
                <h3>{c.title}</h3>
                <CaseExamples examples={c.examples} levelLabel={(score) => `${score} ${r.levels.find((l) => l.score === score)?.label ?? ''}`.trim()} />
              </div>
            ))}
        </section>
      ) : null}
    </article>
  );
}
