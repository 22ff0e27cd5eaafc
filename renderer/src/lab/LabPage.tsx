/**
 * The self-study lab, as a kit page: `/kit/lab` picks a scenario (each `pack.lab` scenario with its title and
 * summary), `/kit/lab/:scenarioId` opens it. No host and no room needed: the action list lives in this browser
 * (labStore.ts, Dexie), the engine in a Web Worker (useLabEngine.ts), and a reload replays the list.
 * Loaded on demand (React.lazy in App.tsx): nothing of the lab is in the kit's first bundle.
 *
 * Owns: the scenario picker, the seed field and "Start over" (with a confirmation).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import { useContent } from '../content/ContentProvider';
import { NotFound, PageHeader } from '../ui/bits';
import { useSelfStudyLab } from './labStore';
import { LabMissions } from './LabMissions';
import { LabMlTestScore } from './LabMlTestScore';
import { LabWorkbench } from './LabWorkbench';
import { useLabEngine } from './useLabEngine';

function StartOver({ seed, onStartOver }: { seed: number; onStartOver(seed: number): void }) {
  const [value, setValue] = useState(String(seed));
  const parsed = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(parsed) && Math.abs(parsed) <= 2 ** 31;
  return (
    <form
      className="lab-row lab-wrap lab-startover"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        if (window.confirm(`Start over with seed ${parsed}? Every run, version and simulated day of this lab is cleared.`))
          onStartOver(parsed);
      }}
    >
      <label htmlFor="lab-seed">Seed (the same seed gives the same data)</label>
      <input id="lab-seed" className="input lab-num" type="number" step={1} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn" disabled={!valid}>
        Start over
      </button>
    </form>
  );
}

function SelfStudyLab({ scenario }: { scenario: Scenario }) {
  const store = useSelfStudyLab(scenario.id);
  const lab = useLabEngine({
    scenario,
    seed: store.seed,
    actions: store.actions,
    dispatch: store.append,
    mode: 'self',
    canAdvance: true,
    storeError: store.error,
  });
  return (
    <>
      {store.loaded ? (
        <LabWorkbench
          lab={lab}
          asideLabel="Missions"
          aside={
            <>
              <LabMissions lab={lab} />
              <LabMlTestScore lab={lab} />
            </>
          }
        />
      ) : (
        <p className="muted">Opening the lab saved in this browser…</p>
      )}
      <section aria-labelledby="lab-settings-h" className="lab-settings">
        <h2 id="lab-settings-h">This lab</h2>
        <p className="muted">
          Saved in this browser as a seed and the list of your actions ({store.actions.length} so far); a reload replays them.
        </p>
        <StartOver key={store.seed} seed={store.seed} onStartOver={store.startOver} />
      </section>
    </>
  );
}

function ScenarioPicker({ scenarios }: { scenarios: Scenario[] }) {
  return (
    <div className="page">
      <PageHeader
        eyebrow="Self-study"
        title="MLOps lab"
        lead="A sandbox that runs in this browser: train real small models, track runs, register and promote them through a gate, simulate production day by day, inject drift and watch what monitoring catches. Your lab is saved in this browser."
      />
      <p>
        Five guided missions, one per phase of the workshop, sit beside the lab. To see why monitoring and continuous training exist in one
        picture, run <Link to="/kit/lab/compare">DevOps-only vs MLOps on the same incident</Link>.
      </p>
      {scenarios.length === 0 ? (
        <p className="empty">This content pack has no lab scenario (content/lab/*.yaml).</p>
      ) : (
        <ul className="grid lab-scenarios" aria-label="Scenarios">
          {scenarios.map((s) => (
            <li key={s.id}>
              <Link to={`/kit/lab/${s.id}`} className="card card-link">
                <h2 className="lab-scenario-title">{s.title}</h2>
                <p className="muted">{s.summary}</p>
                <p className="muted lab-small">
                  {s.rowsPerDay.toLocaleString('en-GB')} rows a day (one row: a {s.rowNoun}) · labels arrive after {s.labelDelayDays} day
                  {s.labelDelayDays === 1 ? '' : 's'}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function LabPage() {
  const { pack } = useContent();
  const { scenarioId } = useParams();
  const scenarios = pack.lab ?? [];
  if (!scenarioId) return <ScenarioPicker scenarios={scenarios} />;
  const scenario = scenarios.find((s) => s.id === scenarioId);
  if (!scenario) return <NotFound what="lab scenario" />;
  return (
    <div className="page page-wide lab-page">
      <PageHeader eyebrow="MLOps lab · self-study" title={scenario.title} lead={<Link to="/kit/lab">All scenarios</Link>} />
      <SelfStudyLab key={scenario.id} scenario={scenario} />
    </div>
  );
}

export default LabPage;
