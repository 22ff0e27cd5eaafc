/**
 * The lesson plan's sections beyond the phases (prior knowledge, materials, assessment, differentiation,
 * connections, applications, metacognition, extensions, safety, reflection, virtual adaptations, resources).
 * Used by the lesson plan page and by the printable facilitator guide, so both stay complete.
 */
import type { ContentPack } from '../../../shared/content/schema';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLink, ItemLinks, Section } from '../ui/bits';
import { VirtualFormats } from './DeliveryParts';

export function LessonSections({ pack }: { pack: ContentPack }) {
  const { lesson } = pack;
  const objective = (id: string) => lesson.objectives.find((o) => o.id === id)?.text ?? id;
  return (
    <>
      <div className="grid-2">
        <Section title="Prior knowledge" id="prior-knowledge">
          <MarkdownList items={lesson.priorKnowledge} />
        </Section>
        <Section title="Materials" id="materials">
          <MarkdownList items={lesson.materials} />
        </Section>
      </div>
      <Section title="Key concepts" id="key-concepts">
        <ItemLinks ids={lesson.keyConcepts} showKind={false} />
      </Section>
      <Section title="Assessment" id="assessment">
        <table>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Method</th>
              <th scope="col">Alignment</th>
            </tr>
          </thead>
          <tbody>
            {lesson.assessment.map((a) => (
              <tr key={a.id}>
                <td style={{ textTransform: 'capitalize' }}>{a.kind}</td>
                <td>
                  <Markdown text={a.method} />
                  {a.evidence ? <MarkdownList items={a.evidence} /> : null}
                </td>
                <td>
                  <Markdown text={a.alignment} />
                  {a.objectives ? <p className="muted">Objectives: {a.objectives.map(objective).join('; ')}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Differentiation strategies" id="differentiation">
        <div className="grid-2">
          {lesson.differentiation.map((d) => (
            <div key={d.id} className="card">
              <h3>{d.audience}</h3>
              <MarkdownList items={d.strategies} />
            </div>
          ))}
        </div>
      </Section>
      <div className="grid-2">
        <Section title="Cross-disciplinary connections" id="cross-disciplinary">
          <MarkdownList items={lesson.crossDisciplinary} />
        </Section>
        <Section title="Real-world applications" id="applications">
          <ul className="list">
            {lesson.realWorldApplications.map((a, i) => (
              <li key={i}>
                <Markdown text={a.text} inline /> {a.case ? <ItemLink id={a.case} showKind={false} /> : null}
              </li>
            ))}
          </ul>
        </Section>
      </div>
      <div className="grid-2">
        <Section title="Metacognition opportunities" id="metacognition">
          <MarkdownList items={lesson.metacognition} />
        </Section>
        <Section title="Extension activities" id="extension">
          <MarkdownList items={lesson.extensionActivities} />
        </Section>
      </div>
      <Section title="Safety considerations" id="safety">
        <MarkdownList items={lesson.safety} />
        {pack.ethics.length > 0 ? <ItemLinks ids={pack.ethics.map((e) => e.id)} showKind={false} /> : null}
      </Section>
      <div className="grid-2">
        <Section title="Reflection questions for learners" id="reflection-learners">
          <MarkdownList items={lesson.reflection.learners} />
        </Section>
        <Section title="Reflection questions for the facilitator" id="reflection-facilitator">
          <MarkdownList items={lesson.reflection.facilitator} />
        </Section>
      </div>
      {lesson.exitTicket ? (
        <Section title="Exit ticket (each learner, alone, at the close)" id="exit-ticket">
          {lesson.exitTicket.intro ? <Markdown text={lesson.exitTicket.intro} /> : null}
          <ol className="list" data-testid="exit-ticket-questions">
            <li>
              <Markdown text={lesson.exitTicket.change} inline />
            </li>
            <li>
              <Markdown text={lesson.exitTicket.question} inline />
            </li>
            <li>
              <Markdown text={lesson.exitTicket.confidenceBefore} inline /> <Markdown text={lesson.exitTicket.confidenceAfter} inline /> (1 {lesson.exitTicket.scale.minLabel} – 5{' '}
              {lesson.exitTicket.scale.maxLabel})
            </li>
          </ol>
        </Section>
      ) : null}
      <Section title="Adaptations for virtual learning" id="virtual">
        <MarkdownList items={lesson.virtualAdaptations} />
        <VirtualFormats lesson={lesson} />
      </Section>
      <Section title="Additional resources" id="additional-resources">
        <ItemLinks ids={lesson.additionalResources} showKind={false} />
      </Section>
    </>
  );
}
