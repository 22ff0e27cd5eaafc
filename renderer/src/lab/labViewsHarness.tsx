/**
 * Owns: the preview of the lab's Pipeline, Monitoring and Explain screens at /kit/lab-views-preview (loaded on
 * demand, linked from nowhere): a fixed lab replayed on the main thread with `replay()` (a scenario copy at 2,000
 * rows a day, so it takes a moment), backed by a minimal in-page LabApi, the three screens stacked. It lets the e2e
 * spec (tests/e2e/lab-views.spec.ts) and a developer look at the screens without the worker or a room; the real lab
 * (/kit/lab) backs the same screens with the worker. `?scenario=<id>` picks another scenario of the pack.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { LabActionInput } from '../../../shared/lab/actions';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import { replay } from '../../../shared/lab/session';
import { useContent } from '../content/ContentProvider';
import { ExplainView } from './ExplainView';
import type { LabApi } from './labApi';
import { MonitoringView } from './MonitoringView';
import { PipelineView } from './PipelineView';

export const PREVIEW_SEED = 7;

/** Level 1, a trained and promoted model, 20 days, a covariate drift on the first feature, 15 more days. */
export function previewActions(scenario: Scenario): LabActionInput[] {
  return [
    { type: 'setLevel', level: 1 },
    { type: 'train' },
    { type: 'register', runId: 'run-1' },
    { type: 'promote', version: 1 },
    { type: 'advance', days: 20 },
    { type: 'inject', kind: 'covariate', feature: scenario.features[0]!.id, amount: 1.5, note: 'preview: injected covariate drift' },
    { type: 'advance', days: 15 },
  ];
}

function usePreviewLab(scenario: Scenario): LabApi {
  const session = useMemo(() => replay(scenario, PREVIEW_SEED, previewActions(scenario)), [scenario]);
  const [state, setState] = useState(() => session.state);
  return useMemo<LabApi>(
    () => ({
      scenario,
      state,
      busy: false,
      error: null,
      dispatch: (action) => {
        session.apply(action);
        setState(session.state);
      },
      explain: (version, day, row) => Promise.resolve(session.explain(version, day, row)),
      lineage: (version) => Promise.resolve(session.lineage(version)),
      mode: 'self',
      canAdvance: true,
    }),
    [scenario, session, state],
  );
}

function Preview({ scenario }: { scenario: Scenario }) {
  const lab = usePreviewLab(scenario);
  return (
    <div className="page-wide" data-testid="lab-views-preview" data-day={lab.state?.day}>
      <p className="eyebrow">Lab screens preview</p>
      <h1>{scenario.title}</h1>
      <p className="lead">
        A fixed lab (seed {PREVIEW_SEED}, {scenario.rowsPerDay.toLocaleString('en')} rows a day): level 1, one model promoted, 20 days, a
        covariate drift injected, 15 more days. Changes here are not saved.
      </p>
      {lab.state?.errors.length ? (
        <ul className="error-box">
          {lab.state.errors.map((e) => (
            <li key={e.index}>{e.message}</li>
          ))}
        </ul>
      ) : null}
      <PipelineView lab={lab} />
      <MonitoringView lab={lab} />
      <ExplainView lab={lab} />
    </div>
  );
}

export default function LabViewsPreview() {
  const { pack } = useContent();
  const [params] = useSearchParams();
  const id = params.get('scenario') ?? 'fraud-paylark';
  const scenario = useMemo(() => {
    const s = pack.lab.find((x) => x.id === id) ?? pack.lab[0];
    return s ? { ...s, rowsPerDay: Math.min(s.rowsPerDay, 2000) } : null;
  }, [pack, id]);
  if (!scenario) return <p className="page empty">The content pack has no lab scenario.</p>;
  return <Preview key={scenario.id} scenario={scenario} />;
}
