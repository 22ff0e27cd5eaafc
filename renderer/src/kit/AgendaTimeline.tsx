/** The five phases as one bar, each segment as wide as its minutes, plus start times. */
import { Link } from 'react-router';
import type { Phase } from '../../../shared/content/schema';
import { formatClock } from '../ui/bits';

export { phasesInOrder } from '../../../shared/content/pack';

export function AgendaTimeline({ phases }: { phases: Phase[] }) {
  const total = phases.reduce((sum, p) => sum + p.minutes, 0);
  let start = 0;
  return (
    <div>
      <div className="timeline" role="list" aria-label={`Agenda, ${total} minutes`}>
        {phases.map((p) => {
          const begins = start;
          start += p.minutes;
          return (
            <Link
              role="listitem"
              key={p.id}
              to={`/kit/phases/${p.id}`}
              className="timeline-seg"
              style={{ flex: p.minutes, ['--seg' as string]: `var(--phase-${p.id}, var(--accent))` }}
              aria-label={`${p.title}: ${p.minutes} minutes, from ${formatClock(begins)} to ${formatClock(begins + p.minutes)}`}
            >
              <strong>{p.title}</strong>
              <span>{p.minutes} min</span>
            </Link>
          );
        })}
      </div>
      <div className="timeline-scale" aria-hidden="true">
        <span>0:00</span>
        <span>{formatClock(total)}</span>
      </div>
    </div>
  );
}
