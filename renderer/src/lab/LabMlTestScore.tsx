/**
 * Owns: the lab's ML Test Score panel — which tests of the kit's ML Test Score (Breck et al. 2017) the team's
 * pipeline automates, which the team does by hand in the lab, and which not yet, each with its reason
 * (shared/lab/mlTestScoreLink.ts) and a link to the test on the kit's self-assessment page, where the team marks
 * its own system. In a room (`onMark`), one button marks the lab's answers in the team's ML Test Score.
 */
import { Link } from 'react-router';
import { useState } from 'react';
import { MTS_LINK_POINTS, mlTestScoreLink, type MtsLinkStatus } from '../../../shared/lab/mlTestScoreLink';
import { useContent } from '../content/ContentProvider';
import type { LabApi } from './labApi';
import './labGuide.css';

const STATUS: Record<MtsLinkStatus, string> = { automated: 'Automated (1 point)', manual: 'By hand (0.5)', no: 'Not yet (0)' };

export function LabMlTestScore({ lab, onMark }: { lab: LabApi; onMark?: (marks: Record<string, 0 | 0.5 | 1>) => void }) {
  const { pack } = useContent();
  const [marked, setMarked] = useState<string | null>(null);
  const rubric = pack.mltestscore[0];
  if (!lab.state || !rubric) return <p className="muted">The lab is loading…</p>;
  const titles = new Map(rubric.categories.flatMap((c) => c.tests.map((t) => [t.id, t.title] as const)));
  const links = mlTestScoreLink(lab.state).filter((l) => titles.has(l.testId));
  const automated = links.filter((l) => l.status === 'automated').length;
  const total = titles.size;
  return (
    <section className="lab-mts" aria-labelledby="lab-mts-h" data-testid="lab-ml-test-score">
      <h2 id="lab-mts-h">Your pipeline and the ML Test Score</h2>
      <p>
        Your pipeline automates <strong>{automated}</strong> of the {total} tests; the lab touches {links.length} of them.{' '}
        <Link to={`/kit/ml-test-score/${rubric.id}`}>Score your own system</Link>
      </p>
      {onMark ? (
        <p className="lab-row lab-wrap">
          <button
            type="button"
            className="btn"
            onClick={() => {
              onMark(Object.fromEntries(links.map((l) => [l.testId, MTS_LINK_POINTS[l.status]])));
              setMarked(`Marked ${links.length} tests in your team's ML Test Score as of day ${lab.state!.day}: change any of them there.`);
            }}
          >
            Mark these in our ML Test Score
          </button>
          <span role="status" data-testid="lab-mts-marked">
            {marked}
          </span>
        </p>
      ) : null}
      <ul className="lab-mts-list">
        {links.map((l) => (
          <li key={l.testId} data-status={l.status}>
            <span className={`lab-mts-status lab-mts-${l.status}`}>{STATUS[l.status]}</span>
            <Link to={`/kit/ml-test-score/${rubric.id}#${l.testId}`}>{titles.get(l.testId)}</Link>
            <div className="muted">{l.reason}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
