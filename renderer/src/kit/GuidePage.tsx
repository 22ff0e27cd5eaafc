/**
 * The facilitator guide: the whole session as one printable document (print or "Save as PDF" gives a clean
 * handout: no navigation, each phase on a new page, run-of-show steps never split).
 */
import { Printer } from 'lucide-react';
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLinks, PageHeader, Section, formatClock } from '../ui/bits';
import { AgendaTimeline, phasesInOrder } from './AgendaTimeline';
import { CanvasSheet, CaseGuide, LargeRoomPlan, LookForChecklist, ScaleNote } from './DeliveryParts';
import { LessonSections } from './LessonSections';
import { RunOfShow, TimingCues } from './RunOfShow';

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn btn-primary" onClick={() => window.print()}>
      <Printer size={18} aria-hidden="true" /> {label}
    </button>
  );
}

export function GuidePage() {
  const { pack } = useContent();
  const { lesson } = pack;
  const phases = phasesInOrder(lesson.phases, pack.phases);
  const rubric = pack.rubrics[0];
  const worksheet = pack.worksheets[0];
  const canvas = pack.templates[0];
  let start = 0;
  return (
    <article className="page guide">
      <PageHeader eyebrow="Facilitator guide" title={lesson.title} lead={lesson.subtitle}>
        <PrintButton label="Print or save as PDF" />
      </PageHeader>
      <Markdown text={lesson.audience} />
      <p>
        <strong>Duration:</strong> {lesson.durationMinutes} minutes
      </p>
      <Section title="Objectives" id="objectives">
        <ul className="list">
          {lesson.objectives.map((o) => (
            <li key={o.id}>
              <Markdown text={o.text} inline /> <span className="tag bloom">{o.bloom}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Agenda" id="agenda">
        <AgendaTimeline phases={phases} />
      </Section>
      {lesson.scale ? (
        <Section title="Room size and staffing" id="scale">
          <ScaleNote lesson={lesson} />
        </Section>
      ) : null}

      {phases.map((phase) => {
        const begins = start;
        start += phase.minutes;
        return (
          <section key={phase.id} className="section print-break" aria-labelledby={`guide-${phase.id}`}>
            <h2 id={`guide-${phase.id}`}>
              {phase.title} · {phase.minutes} min ({formatClock(begins)}–{formatClock(begins + phase.minutes)})
            </h2>
            <Markdown text={phase.goal} />
            <div className="grid-2">
              <div>
                <h3>Facilitator actions</h3>
                <MarkdownList items={phase.facilitatorActions} />
              </div>
              <div>
                <h3>Learner activities</h3>
                <MarkdownList items={phase.learnerActivities} />
              </div>
            </div>
            <h3>Resources</h3>
            <ItemLinks ids={phase.resources} empty="None listed." />
            <div className="grid-2">
              <div>
                <h3>Differentiation</h3>
                <MarkdownList items={phase.differentiation} />
              </div>
              <div>
                <h3>Technology integration</h3>
                <MarkdownList items={phase.technologyIntegration} />
              </div>
            </div>
            <h3>Run of show</h3>
            <TimingCues phase={phase} />
            <RunOfShow phase={phase} startMinute={begins} />
            {phase.largeRoom ? (
              <>
                <h3>Large room (40–60 people)</h3>
                <LargeRoomPlan phase={phase} startMinute={begins} />
              </>
            ) : null}
            {phase.lookFors?.length ? (
              <>
                <h3>Look-for checklist</h3>
                <LookForChecklist phase={phase} />
              </>
            ) : null}
          </section>
        );
      })}

      {canvas ? <CanvasSheet template={canvas} /> : null}

      {pack.cases.some((c) => c.facilitatorGuide) ? (
        <section className="section print-break" aria-labelledby="guide-cases">
          <h2 id="guide-cases">Case guides (for the facilitator)</h2>
          {pack.cases.map((c) => (
            <CaseGuide key={c.id} c={c} />
          ))}
        </section>
      ) : null}

      <div className="print-break">
        <LessonSections pack={pack} />
      </div>

      {worksheet ? (
        <Section title={`Answer key: ${worksheet.title}`} id="worksheet-key">
          <table>
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">DevOps</th>
                <th scope="col">MLOps</th>
              </tr>
            </thead>
            <tbody>
              {worksheet.dimensions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.dimension}</th>
                  <td>
                    <Markdown text={d.devops} />
                  </td>
                  <td>
                    <Markdown text={d.mlops} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}

      {rubric ? (
        <Section title={`Rubric: ${rubric.title}`} id="rubric">
          <table className="rubric">
            <thead>
              <tr>
                <th scope="col">Criterion (weight)</th>
                {rubric.levels.map((l) => (
                  <th key={l.score} scope="col">
                    {l.score} {l.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rubric.criteria.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.title} ({c.weight}%)
                  </th>
                  {c.descriptors.map((d, i) => (
                    <td key={i}>
                      <Markdown text={d} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
    </article>
  );
}
