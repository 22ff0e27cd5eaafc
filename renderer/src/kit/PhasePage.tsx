/** One phase: goal, facilitator actions, learner activities, resources, differentiation, technology, run-of-show. */
import { ChevronLeft, ChevronRight, Clock } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLinks, NotFound, Section, formatClock } from '../ui/bits';
import { phasesInOrder } from './AgendaTimeline';
import { LargeRoomPlan, LookForChecklist } from './DeliveryParts';
import { RunOfShow, TimingCues } from './RunOfShow';

export function PhasePage() {
  const { id } = useParams();
  const { pack } = useContent();
  const phases = phasesInOrder(pack.lesson.phases, pack.phases);
  const i = phases.findIndex((p) => p.id === id);
  const phase = phases[i];
  if (!phase) return <NotFound what="phase" />;
  const start = phases.slice(0, i).reduce((sum, p) => sum + p.minutes, 0);
  const prev = phases[i - 1];
  const next = phases[i + 1];
  const objectives = pack.lesson.objectives.filter((o) => phase.objectives?.includes(o.id));
  return (
    <article className="page" style={{ ['--phase' as string]: `var(--phase-${phase.id}, var(--accent))` }}>
      <header className="page-header phase-head">
        <div className="eyebrow">
          Phase {i + 1} of {phases.length}
        </div>
        <h1>{phase.title}</h1>
        <div className="phase-meta">
          <span>
            <Clock size={16} aria-hidden="true" /> {phase.minutes} minutes
          </span>
          <span>
            {formatClock(start)}–{formatClock(start + phase.minutes)}
          </span>
        </div>
        <div className="lead" style={{ marginTop: 10 }}>
          <Markdown text={phase.goal} />
        </div>
      </header>
      {objectives.length > 0 ? (
        <div className="tags">
          {objectives.map((o) => (
            <span key={o.id} className="tag bloom" title={o.bloom}>
              {o.bloom}: {o.text}
            </span>
          ))}
        </div>
      ) : null}

      <div className="grid-2 section">
        <div className="card">
          <h2 style={{ marginTop: 0, fontSize: '1.15rem' }}>Facilitator actions</h2>
          <MarkdownList items={phase.facilitatorActions} />
        </div>
        <div className="card">
          <h2 style={{ marginTop: 0, fontSize: '1.15rem' }}>Learner activities</h2>
          <MarkdownList items={phase.learnerActivities} />
        </div>
      </div>

      <Section title="Resources" id="resources">
        <ItemLinks ids={phase.resources} empty="No resources listed." />
      </Section>
      <div className="grid-2">
        <Section title="Differentiation" id="differentiation">
          <MarkdownList items={phase.differentiation} />
        </Section>
        <Section title="Technology integration" id="technology">
          <MarkdownList items={phase.technologyIntegration} />
        </Section>
      </div>

      <Section title="Run of show" id="run-of-show">
        <TimingCues phase={phase} />
        <RunOfShow phase={phase} startMinute={start} />
      </Section>
      {phase.largeRoom ? (
        <Section title="Large room (40–60 people)" id="large-room">
          <LargeRoomPlan phase={phase} startMinute={start} />
        </Section>
      ) : null}
      {phase.lookFors?.length ? (
        <Section title="Look-for checklist" id="look-fors">
          <LookForChecklist phase={phase} />
        </Section>
      ) : null}

      <nav className="page-actions no-print section" aria-label="Phases">
        {prev ? (
          <Link className="btn" to={`/kit/phases/${prev.id}`}>
            <ChevronLeft size={18} aria-hidden="true" /> {prev.title}
          </Link>
        ) : null}
        {next ? (
          <Link className="btn btn-primary" to={`/kit/phases/${next.id}`}>
            {next.title} <ChevronRight size={18} aria-hidden="true" />
          </Link>
        ) : null}
      </nav>
    </article>
  );
}
