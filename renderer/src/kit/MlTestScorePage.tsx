/** The ML Test Score rubric: 28 tests in four categories, and how the score is computed. */
import { useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { NotFound, PageHeader, Section } from '../ui/bits';

export function MlTestScorePage() {
  const { id } = useParams();
  const { pack } = useContent();
  const m = pack.mltestscore.find((x) => x.id === id);
  if (!m) return <NotFound what="self-assessment" />;
  return (
    <article className="page">
      <PageHeader eyebrow="Self-assessment" title={m.title} lead={<Markdown text={m.intro} />} />
      <p className="muted">
        Source: {[m.source.authors, m.source.title, m.source.publisher, m.source.year].filter(Boolean).join(', ')}
      </p>
      <Section title="Scoring" id="scoring">
        <Markdown text={m.scoring} />
        <div className="tags">
          {m.points.map((p) => (
            <span key={p.value} className="tag">
              {p.value} — {p.label}
            </span>
          ))}
        </div>
      </Section>
      {m.categories.map((c) => (
        <Section key={c.id} title={`${c.name} (${c.tests.length})`} id={c.id}>
          <Markdown text={c.description} />
          <ol className="list">
            {c.tests.map((t) => (
              <li key={t.id} id={t.id}>
                <strong>{t.title}.</strong> <Markdown text={t.description} inline />
              </li>
            ))}
          </ol>
        </Section>
      ))}
      <Section title="What the score means" id="interpretation">
        <table>
          <thead>
            <tr>
              <th scope="col">Score above</th>
              <th scope="col">Reading</th>
            </tr>
          </thead>
          <tbody>
            {m.interpretation.map((band) => (
              <tr key={band.minScore}>
                <td>{band.minScore}</td>
                <td>
                  <strong>{band.label}</strong> <Markdown text={band.meaning} inline />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </article>
  );
}
