/** The learner handout: what learners take away, printable on a few pages. */
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { PageHeader, Section } from '../ui/bits';
import { AgendaTimeline, phasesInOrder } from './AgendaTimeline';
import { PrintButton } from './GuidePage';

export function HandoutPage() {
  const { pack } = useContent();
  const { lesson } = pack;
  const template = pack.templates[0];
  const worksheet = pack.worksheets[0];
  const concepts = lesson.keyConcepts.map((id) => pack.concepts.find((c) => c.id === id)).filter((c) => c !== undefined);
  return (
    <article className="page handout">
      <PageHeader eyebrow="Learner handout" title={lesson.title} lead={lesson.subtitle}>
        <PrintButton label="Print or save as PDF" />
      </PageHeader>
      <Section title="What you will be able to do" id="objectives">
        <ul className="list">
          {lesson.objectives.map((o) => (
            <li key={o.id}>
              <Markdown text={o.text} inline />
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Agenda" id="agenda">
        <AgendaTimeline phases={phasesInOrder(lesson.phases, pack.phases)} />
      </Section>
      <Section title="Key concepts in one line" id="concepts">
        <dl className="facts">
          {concepts.map((c) => (
            <div key={c.id} style={{ display: 'contents' }}>
              <dt>{c.term}</dt>
              <dd>
                <Markdown text={c.oneLiner} inline />
              </dd>
            </div>
          ))}
        </dl>
      </Section>
      {worksheet ? (
        <Section title={worksheet.title} id="worksheet">
          <Markdown text={worksheet.instructions} />
          <table>
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Question</th>
              </tr>
            </thead>
            <tbody>
              {worksheet.dimensions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.dimension}</th>
                  <td>
                    <Markdown text={d.prompt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      {template ? (
        <Section title={template.title} id="template">
          <ol className="list" style={{ listStyle: template.sections.every((s) => /^\d/.test(s.title)) ? 'none' : undefined, paddingLeft: 0 }}>
            {template.sections.map((s) => (
              <li key={s.id}>
                <strong>{s.title}</strong>
                <MarkdownList items={s.guidingQuestions} />
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
      <Section title="Reflect afterwards" id="reflection">
        <MarkdownList items={lesson.reflection.learners} />
      </Section>
    </article>
  );
}
