/**
 * Owns: the lab's missions panel, for LabWorkbench's aside slot (a <section>, not an <aside>, so it nests in the
 * slot without a second landmark): the guided path of content/missions/ — the current mission (the first not
 * complete, or the one the learner picks), its steps ticked live from the lab's state (shared/lab/missions.ts:
 * the same ticks on every screen replaying the same actions), hints revealed one at a time with links to the
 * concept page or glossary entry behind them, and the debrief once the steps are done.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { Mission } from '../../../shared/lab/missionSchema';
import { currentMission, missionProgress } from '../../../shared/lab/missions';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import type { LabApi } from './labApi';
import './labGuide.css';

function HintLink({ concept, term }: { concept?: string | undefined; term?: string | undefined }) {
  const { pack } = useContent();
  if (concept) {
    const c = pack.concepts.find((x) => x.id === concept);
    return <Link to={`/kit/concepts/${concept}`}>Concept: {c?.term ?? concept}</Link>;
  }
  if (term) {
    const t = pack.glossary.flatMap((g) => g.terms).find((x) => x.id === term);
    return <Link to={`/kit/glossary#term-${term}`}>Glossary: {t?.term ?? term}</Link>;
  }
  return null;
}

function Hints({ mission }: { mission: Mission }) {
  const [shown, setShown] = useState(0);
  if (mission.hints.length === 0) return null;
  return (
    <div className="lab-hints">
      {shown > 0 ? (
        <ul className="list" aria-label="Hints">
          {mission.hints.slice(0, shown).map((h, i) => (
            <li key={i}>
              {h.text} <HintLink concept={h.concept} term={h.term} />
            </li>
          ))}
        </ul>
      ) : null}
      {shown < mission.hints.length ? (
        <button type="button" className="btn" onClick={() => setShown(shown + 1)}>
          {shown === 0 ? 'Show a hint' : 'Another hint'} ({shown + 1} of {mission.hints.length})
        </button>
      ) : null}
    </div>
  );
}

export function LabMissions({ lab }: { lab: LabApi }) {
  const { pack } = useContent();
  const missions = pack.missions[0]?.missions ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const state = lab.state;
  const current = currentMission(missions, state);
  const mission = missions.find((m) => m.id === picked) ?? current;
  if (!mission) return null;
  const progress = missionProgress(mission, state);
  const phaseTitle = (id: string) => pack.phases.find((p) => p.id === id)?.title ?? id;

  return (
    <section className="lab-missions card" aria-labelledby="lab-missions-h" data-testid="lab-missions">
      <h2 id="lab-missions-h">Missions</h2>
      <nav className="lab-mission-nav" aria-label="Choose a mission">
        {missions.map((m, i) => {
          const done = missionProgress(m, state).complete;
          return (
            <button
              key={m.id}
              type="button"
              className={`btn ${m.id === mission.id ? 'btn-primary' : ''}`}
              aria-pressed={m.id === mission.id}
              onClick={() => setPicked(m.id)}
              title={m.title}
            >
              {i + 1} {phaseTitle(m.phase)}
              {done ? ' ✓' : ''}
              <span className="visually-hidden">{`: ${m.title}${done ? ', done' : ''}`}</span>
            </button>
          );
        })}
      </nav>
      <h3>
        {phaseTitle(mission.phase)}: {mission.title}
      </h3>
      <Markdown text={mission.goal} />
      <p className="muted" role="status" data-testid="mission-progress">
        {state === null
          ? 'The lab is loading…'
          : `${progress.done} of ${mission.steps.length} steps done${progress.complete ? ' — mission complete' : ''}`}
      </p>
      <ol className="lab-steps">
        {mission.steps.map((s, i) => (
          <li key={i} className={progress.steps[i] ? 'lab-step-done' : 'lab-step-todo'} data-done={progress.steps[i] ? 'true' : 'false'}>
            <span className="lab-step-mark">{progress.steps[i] ? '✓ Done' : `${i + 1}. To do`}</span>
            <span>{s.text}</span>
          </li>
        ))}
      </ol>
      <Hints key={mission.id} mission={mission} />
      {progress.complete && mission.debrief ? (
        <div className="callout">
          <strong>Think it over.</strong> <Markdown text={mission.debrief} />
        </div>
      ) : null}
      {picked && picked !== current?.id ? (
        <button type="button" className="btn" onClick={() => setPicked(null)}>
          Back to the current mission
        </button>
      ) : null}
    </section>
  );
}
