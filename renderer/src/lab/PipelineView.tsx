/**
 * Owns: the lab's automated pipeline screen (issue 16, point 5; Kubeflow-like), taking `{ lab: LabApi }`. The
 * maturity level (0/1/2, with what each means), the pipeline as a graph (pipelineFlow.tsx) and as an accessible
 * step list with on/off switches, the training triggers (schedule, drift alert = continuous training, cooldown),
 * the deploy mode (direct, canary or shadow: what each does in this lab), and the selected step's inputs, outputs and logs
 * (pipelineStepDetails.ts). Every change is one action through `lab.dispatch`.
 */
import { useEffect, useState } from 'react';
import { PIPELINE_STEPS, type PipelineStep } from '../../../shared/lab/actions';
import { levelPreset, type LabState, type PipelineConfig } from '../../../shared/lab/labTypes';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { LabApi } from './labApi';
import { PipelineFlow } from './pipelineFlow';
import { LEVELS, STEP_INFO, stepNote, stepStatus, triggerSummary } from './pipelineGraph';
import { stepDetails } from './pipelineStepDetails';
import './pipelineViews.css';

const DEPLOY_MODES = [
  { mode: 'direct', label: 'Direct', means: 'the new champion takes all traffic at once' },
  { mode: 'canary', label: 'Canary', means: 'the challenger decides every 10th request first; all of them once it holds' },
  { mode: 'shadow', label: 'Shadow', means: 'the challenger scores every request beside the champion without acting on it' },
] as const;

export function PipelineView({ lab }: { lab: LabApi }) {
  const [selected, setSelected] = useState<PipelineStep>('train');
  const { state, scenario } = lab;
  if (!state) return <p className="muted">Loading the lab…</p>;
  const p = state.pipeline;
  const preset = levelPreset(p.level);
  const customised =
    PIPELINE_STEPS.some((s) => preset.steps[s] !== p.steps[s]) || preset.scheduleDays !== p.scheduleDays || preset.onDrift !== p.onDrift;

  return (
    <section className="pipeline-view" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Pipeline</h2>
      <fieldset className="pipeline-levels">
        <legend>Maturity level{customised ? ` (level ${p.level}, changed step by step)` : ''}</legend>
        {LEVELS.map((l) => (
          <label key={l.level} className="pipeline-level">
            <input
              type="radio"
              name="pipeline-level"
              checked={p.level === l.level}
              onChange={() => lab.dispatch({ type: 'setLevel', level: l.level })}
            />
            <span>
              <strong>{l.name}</strong>
              <span className="pipeline-level-means">{l.means}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <PipelineFlow config={p} selected={selected} onSelect={setSelected} />
      {/* Announces a new selection only (not every simulated day), e.g. after Enter on a node of the graph. */}
      <p className="visually-hidden" aria-live="polite">
        {`${STEP_INFO[selected].label} selected: its inputs, outputs and log are shown beside the step list.`}
      </p>

      <div className="pipeline-columns">
        <StepList config={p} selected={selected} onSelect={setSelected} dispatch={lab.dispatch} />
        <StepPanel step={selected} state={state} scenario={scenario} />
      </div>

      <div className="pipeline-columns">
        <Triggers config={p} dispatch={lab.dispatch} />
        <fieldset className="pipeline-box">
          <legend>Deploy mode</legend>
          {DEPLOY_MODES.map((d) => (
            <label key={d.mode} className="pipeline-level">
              <input
                type="radio"
                name="pipeline-deploy"
                checked={p.deployMode === d.mode}
                onChange={() => lab.dispatch({ type: 'setDeployMode', mode: d.mode })}
              />
              <span>
                <strong>{d.label}</strong> <span className="pipeline-level-means">{d.means}</span>
              </span>
            </label>
          ))}
          <p className="callout pipeline-note" data-testid="pipeline-deploy-honest">
            {p.deployMode === 'direct'
              ? 'Direct: a promoted model serves everything at once; a challenger is only compared in the registry.'
              : `${p.deployMode === 'canary' ? 'Canary' : 'Shadow'}: the challenger runs beside the champion every day — Monitoring shows its flag rate next to the champion's, and its live quality once labels arrive. ${p.steps.deploy ? 'With the deploy step on, a model that passes the gate is rolled out this way first and takes over after 3 healthy days; a sick rollout is stopped.' : 'A person promotes it from the registry.'}`}
          </p>
        </fieldset>
      </div>
    </section>
  );
}

function StepList({
  config,
  selected,
  onSelect,
  dispatch,
}: {
  config: PipelineConfig;
  selected: PipelineStep;
  onSelect: (s: PipelineStep) => void;
  dispatch: LabApi['dispatch'];
}) {
  return (
    <table className="pipeline-steps" data-testid="pipeline-steps">
      <caption>Pipeline steps, in order</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">On</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {PIPELINE_STEPS.map((s) => {
          const status = stepStatus(config, s);
          return (
            <tr key={s} aria-current={s === selected ? 'true' : undefined}>
              <th scope="row">
                <button type="button" className="pipeline-step-btn" aria-pressed={s === selected} onClick={() => onSelect(s)}>
                  {STEP_INFO[s].label}
                </button>
              </th>
              <td>
                <input
                  type="checkbox"
                  role="switch"
                  aria-label={`${STEP_INFO[s].label} step on`}
                  checked={status !== 'off'}
                  disabled={s === 'ingest'}
                  onChange={(e) => dispatch({ type: 'setStep', step: s, on: e.target.checked })}
                />
              </td>
              <td>
                {status === 'off' ? 'Off' : status === 'always' ? 'Always on' : 'On'} — {stepNote(config, s)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function StepPanel({ step, state, scenario }: { step: PipelineStep; state: LabState; scenario: Scenario }) {
  const info = STEP_INFO[step];
  const d = stepDetails(step, state, scenario);
  const on = stepStatus(state.pipeline, step) !== 'off';
  return (
    <section className="pipeline-box pipeline-panel" aria-labelledby="pipeline-step-title" data-testid="pipeline-step-panel">
      <h3 id="pipeline-step-title">
        {info.label} <span className="muted">— {on ? 'on' : 'off'}</span>
      </h3>
      <p>{on ? info.does : info.whenOff}</p>
      {d.warning ? (
        <p className="callout callout-warn" data-testid="pipeline-leak-warning">
          <strong>⚠ Leak:</strong> {d.warning}
        </p>
      ) : null}
      <h4>Inputs</h4>
      <ul>
        {d.inputs.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      <h4>Outputs</h4>
      <ul>
        {d.outputs.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      <h4>Log</h4>
      {d.logs.length ? (
        <ol className="pipeline-log">
          {d.logs.map((l, i) => (
            <li key={i}>
              <span className="pipeline-log-day">day {l.day}</span> {l.text}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">No log lines yet.</p>
      )}
    </section>
  );
}

function Triggers({ config, dispatch }: { config: PipelineConfig; dispatch: LabApi['dispatch'] }) {
  const [days, setDays] = useState(String(config.scheduleDays ?? 14));
  useEffect(() => setDays(String(config.scheduleDays ?? 14)), [config.scheduleDays]);
  const n = Number(days);
  const valid = Number.isInteger(n) && n >= 1 && n <= 60;
  return (
    <fieldset className="pipeline-box">
      <legend>Training triggers</legend>
      <label className="pipeline-check">
        <input
          type="checkbox"
          checked={config.scheduleDays !== null}
          onChange={(e) =>
            dispatch({ type: 'setTriggers', scheduleDays: e.target.checked ? (valid ? n : 14) : null, onDrift: config.onDrift })
          }
        />{' '}
        Retrain on a schedule
      </label>
      <div className="pipeline-inline">
        <label htmlFor="pipeline-schedule-days">Every</label>
        <input
          id="pipeline-schedule-days"
          className="input pipeline-days"
          type="number"
          min={1}
          max={60}
          value={days}
          aria-invalid={!valid}
          onChange={(e) => setDays(e.target.value)}
        />
        <span>days</span>
        <button
          type="button"
          className="btn"
          disabled={!valid || n === config.scheduleDays}
          onClick={() => dispatch({ type: 'setTriggers', scheduleDays: n, onDrift: config.onDrift })}
        >
          Set schedule
        </button>
      </div>
      <label className="pipeline-check">
        <input
          type="checkbox"
          checked={config.onDrift}
          onChange={(e) => dispatch({ type: 'setTriggers', scheduleDays: config.scheduleDays, onDrift: e.target.checked })}
        />{' '}
        Retrain on a drift alert (continuous training)
      </label>
      <p className="muted" data-testid="pipeline-trigger-summary">
        {triggerSummary(config)}
        {config.scheduleDays === null && !config.onDrift
          ? ` With a trigger set, the cooldown keeps ${config.cooldownDays} days between two automatic retrainings.`
          : ''}
      </p>
    </fieldset>
  );
}
