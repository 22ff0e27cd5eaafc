/**
 * Delivering the lesson to a real room, as kit views: a phase's large-room plan and look-for checklist, a case's
 * at-a-glance block, who-reads-what and facilitator guide, the staffing note, remote and hackathon formats, and
 * worked examples per case (template sections, rubric criteria).
 *
 * Owns: how the delivery fields of the content (shared/content/deliverySchemas.ts) are shown. Used by the phase
 * and case pages, the template and rubric pages, the lesson plan and the printable facilitator guide.
 */
import type { CaseStudy, Lesson, Phase, StrategyTemplate } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLink, formatClock } from '../ui/bits';
import '../styles/delivery.css';

export function LargeRoomPlan({ phase, startMinute }: { phase: Phase; startMinute: number }) {
  const plan = phase.largeRoom;
  if (!plan) return null;
  return (
    <div className="large-room" data-testid={`large-room-${phase.id}`}>
      <p>
        <strong>From {plan.fromTeams} teams on.</strong> <Markdown text={plan.summary} inline />
      </p>
      <table className="large-room-steps">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Step</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {plan.beforeStart ? (
            <tr>
              <td>−{plan.beforeStart.minutes}′</td>
              <th scope="row">Doors open</th>
              <td>
                <Markdown text={plan.beforeStart.does} />
              </td>
            </tr>
          ) : null}
          {plan.steps.map((s, i) => (
            <tr key={i} className={s.break ? 'large-room-break' : undefined}>
              <td>
                {formatClock(startMinute + s.minute)}
                <span className="muted"> · {s.minutes} min</span>
              </td>
              <th scope="row">{s.title}</th>
              <td>
                <Markdown text={s.does} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CutsByRoomSize phase={phase} />
    </div>
  );
}

/** The named cuts that keep the phase in its minutes, by room size: the timing cues for large rooms. */
export function CutsByRoomSize({ phase }: { phase: Phase }) {
  const cuts = [...(phase.largeRoom?.cuts ?? [])].sort((a, b) => a.fromTeams - b.fromTeams);
  if (cuts.length === 0) return null;
  return (
    <div className="callout callout-warn">
      <strong>What to cut, by room size</strong>
      <ul className="list">
        {cuts.map((c, i) => (
          <li key={i}>
            <strong>From {c.fromTeams} teams:</strong> <Markdown text={c.cut} inline /> <span className="muted">(saves {c.saves} min)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function LookForChecklist({ phase }: { phase: Phase }) {
  const items = phase.lookFors ?? [];
  if (items.length === 0) return null;
  return (
    <table className="look-fors" data-testid={`look-fors-${phase.id}`}>
      <thead>
        <tr>
          <th scope="col">Look for</th>
          <th scope="col">What you see or hear</th>
          <th scope="col">If it is missing</th>
        </tr>
      </thead>
      <tbody>
        {items.map((l) =>
          typeof l === 'string' ? (
            <tr key={l}>
              <th scope="row">☐ {l}</th>
              <td colSpan={2} />
            </tr>
          ) : (
            <tr key={l.tag}>
              <th scope="row">☐ {l.tag}</th>
              <td>
                <Markdown text={l.evidence} />
              </td>
              <td>
                <Markdown text={l.ifMissing} />
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

export function AtAGlance({ c }: { c: CaseStudy }) {
  if (!c.atAGlance) return null;
  return (
    <section className="callout at-a-glance" aria-labelledby={`glance-${c.id}`} data-testid="case-at-a-glance">
      <h2 id={`glance-${c.id}`}>At a glance</h2>
      <Markdown text={c.atAGlance} />
    </section>
  );
}

export function RoleReading({ c }: { c: CaseStudy }) {
  const { pack } = useContent();
  if (!c.roleReading) return null;
  const label = (id: string) => pack.lesson.profiles?.find((p) => p.id === id)?.label ?? id;
  return (
    <ul className="list" data-testid="case-role-reading">
      {c.roleReading.map((r, i) => (
        <li key={i}>
          <strong>{r.profiles.map(label).join(', ')}:</strong> <Markdown text={r.read} inline />
        </li>
      ))}
    </ul>
  );
}

/** The facilitator's answer guide for a case (in the printable guide, not on the learners' case page). */
export function CaseGuide({ c }: { c: CaseStudy }) {
  const g = c.facilitatorGuide;
  if (!g) return null;
  return (
    <div className="case-guide" data-testid={`case-guide-${c.id}`}>
      <h3>
        <ItemLink id={c.id} showKind={false} />
      </h3>
      <div className="grid-2">
        <div>
          <h4>What strong teams put first</h4>
          <MarkdownList items={g.strongAnswers} />
        </div>
        <div>
          <h4>Common gaps</h4>
          <MarkdownList items={g.commonGaps} />
          <h4>Stress test</h4>
          <Markdown text={g.stressTest.scenario} />
          <p className="muted">A strategy that holds:</p>
          <MarkdownList items={g.stressTest.goodResponse} />
        </div>
      </div>
    </div>
  );
}

export function ScaleNote({ lesson }: { lesson: Lesson }) {
  const scale = lesson.scale;
  if (!scale) return null;
  return (
    <div data-testid="scale-note">
      <Markdown text={scale.staffing} />
      <table>
        <thead>
          <tr>
            <th scope="col">Room</th>
            <th scope="col">People</th>
            <th scope="col">Teams</th>
            <th scope="col">Plan</th>
          </tr>
        </thead>
        <tbody>
          {scale.sizes.map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              <td>{s.people}</td>
              <td>{s.teams}</td>
              <td>
                <Markdown text={s.plan} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VirtualFormats({ lesson }: { lesson: Lesson }) {
  const { pack } = useContent();
  const v = lesson.virtual;
  if (!v) return null;
  const title = (id: string) => pack.phases.find((p) => p.id === id)?.title ?? id;
  const total = v.remoteTimings.reduce((n, t) => n + t.minutes, 0);
  return (
    <div data-testid="virtual-formats">
      <h3>Remote timings ({total} minutes live)</h3>
      <table>
        <tbody>
          {v.remoteTimings.map((t) => (
            <tr key={t.phase}>
              <th scope="row">
                {title(t.phase)} · {t.minutes} min
              </th>
              <td>
                <Markdown text={t.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid-2">
        <div>
          <h3>What to pre-record</h3>
          <MarkdownList items={v.preRecord} />
        </div>
        <div>
          <h3>Asynchronous</h3>
          <MarkdownList items={v.asynchronous} />
        </div>
      </div>
      <h3>Hackathon brief</h3>
      <Markdown text={v.hackathon.brief} />
      <div className="grid-2">
        <div>
          <h4>Schedule</h4>
          <MarkdownList items={v.hackathon.schedule} />
        </div>
        <div>
          <h4>Deliverables</h4>
          <MarkdownList items={v.hackathon.deliverables} />
          <h4>Judging</h4>
          <Markdown text={v.hackathon.judging} />
        </div>
      </div>
    </div>
  );
}

/** Worked examples for other cases (template sections, rubric criteria). */
export function CaseExamples({ examples, levelLabel }: { examples?: { case: string; text: string; level?: number }[]; levelLabel?: (score: number) => string }) {
  const { pack } = useContent();
  if (!examples || examples.length === 0) return null;
  const title = (id: string) => pack.cases.find((c) => c.id === id)?.title ?? id;
  return (
    <ul className="list case-examples">
      {examples.map((e, i) => (
        <li key={i}>
          <strong>
            {title(e.case)}
            {e.level !== undefined && levelLabel ? ` · ${levelLabel(e.level)}` : ''}:
          </strong>{' '}
          <Markdown text={e.text} inline />
        </li>
      ))}
    </ul>
  );
}

/**
 * The room's strategy template as a one-page sheet in the facilitator guide: the empty canvas (one row per
 * challenge-section, then the remaining sections as boxes) to print for teams, with its sections' questions.
 */
export function CanvasSheet({ template }: { template: StrategyTemplate }) {
  const rows = template.sections.filter((s) => s.id.startsWith('canvas-row'));
  const boxes = template.sections.filter((s) => !rows.includes(s));
  return (
    <section className="section print-break canvas-sheet" aria-labelledby="guide-canvas" data-testid="canvas-sheet">
      <h2 id="guide-canvas">{template.title}</h2>
      <p>
        The required output of Elaborate, one page per team. {template.fullVersion ? <>Extension: <ItemLink id={template.fullVersion} showKind={false} />.</> : null}
      </p>
      {rows.length > 0 ? (
        <table className="canvas-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Challenge (incident, figure)</th>
              <th scope="col">Practice</th>
              <th scope="col">Owner</th>
              <th scope="col">Signal it works</th>
              <th scope="col">Phase</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id}>
                <th scope="row" title={r.title}>
                  {i + 1 < rows.length ? i + 1 : `${i + 1}+`}
                </th>
                <td />
                <td />
                <td />
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {boxes.map((b) => (
        <div key={b.id} className="canvas-box">
          <strong>{b.title}</strong>
          <Markdown text={b.purpose} />
        </div>
      ))}
      {rows[0] ? (
        <div className="callout">
          <strong>Example row</strong>
          <Markdown text={rows[0].exampleAnswer} />
        </div>
      ) : null}
    </section>
  );
}
