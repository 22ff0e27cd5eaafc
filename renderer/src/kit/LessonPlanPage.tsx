/** The whole lesson plan on one page. */
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { PageHeader, Section } from '../ui/bits';
import { AgendaTimeline, phasesInOrder } from './AgendaTimeline';
import { LessonSections } from './LessonSections';

export function LessonPlanPage() {
  const { pack } = useContent();
  const { lesson } = pack;
  return (
    <div className="page">
      <PageHeader eyebrow="Lesson plan" title={lesson.title} lead={lesson.subtitle} />
      <Markdown text={lesson.audience} />
      <Section title="Objectives" id="objectives">
        <ul className="list">
          {lesson.objectives.map((o) => (
            <li key={o.id}>
              <Markdown text={o.text} inline /> <span className="tag bloom">{o.bloom}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Lesson structure" id="structure">
        <AgendaTimeline phases={phasesInOrder(lesson.phases, pack.phases)} />
      </Section>
      <LessonSections pack={pack} />
    </div>
  );
}
