/** The agenda: the timeline and each phase with its start time, goal and key activities. */
import { Link } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { PageHeader, formatClock } from '../ui/bits';
import { AgendaTimeline, phasesInOrder } from './AgendaTimeline';

export function AgendaPage() {
  const { pack } = useContent();
  const phases = phasesInOrder(pack.lesson.phases, pack.phases);
  let start = 0;
  return (
    <div className="page">
      <PageHeader eyebrow="Agenda" title={`${pack.lesson.durationMinutes} minutes, ${phases.length} phases`} />
      <AgendaTimeline phases={phases} />
      <ol className="agenda-list section">
        {phases.map((p) => {
          const begins = start;
          start += p.minutes;
          return (
            <li key={p.id} className="agenda-item">
              <div className="agenda-time">
                <span className="phase-dot" style={{ background: `var(--phase-${p.id}, var(--accent))` }} />
                {formatClock(begins)}
                <div className="muted">{p.minutes} min</div>
              </div>
              <div>
                <h2 style={{ margin: '0 0 6px', fontSize: '1.25rem' }}>
                  <Link to={`/kit/phases/${p.id}`}>{p.title}</Link>
                </h2>
                <Markdown text={p.goal} />
                <p className="muted" style={{ margin: 0 }}>
                  <strong>Facilitator:</strong> <Markdown text={p.facilitatorActions[0] ?? ''} inline />{' '}
                  <strong>Learners:</strong> <Markdown text={p.learnerActivities[0] ?? ''} inline />
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
