/**
 * "Train a run": the experiment a learner sets up — model kind, feature set, training window, hyper-parameters and
 * how the store feature is joined — dispatched as one `train` action (shared/lab/actions.ts).
 *
 * Owns: the form's local state and its translation into the action (only the parameters of the chosen model).
 */
import { useState } from 'react';
import { LAB_LIMITS } from '../../../shared/lab/actions';
import { allFeatureIds } from '../../../shared/lab/scenarioSchema';
import type { LabApi } from './labApi';
import { featureLabel } from './labFormat';

export function TrainForm({ lab }: { lab: LabApi }) {
  const s = lab.scenario;
  const all = allFeatureIds(s);
  const [model, setModel] = useState<'logistic' | 'tree'>('logistic');
  const [features, setFeatures] = useState<string[]>(all);
  const [windowDays, setWindowDays] = useState('14');
  const [l2, setL2] = useState('1');
  const [maxDepth, setMaxDepth] = useState('5');
  const [minLeaf, setMinLeaf] = useState('50');
  const [join, setJoin] = useState<'default' | 'point-in-time' | 'latest'>('default');
  const pipelineJoin = lab.state!.pipeline.steps.features
    ? 'point in time (the feature store is on)'
    : 'latest (no feature store: the bypass)';
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  return (
    <form
      className="lab-train card"
      aria-labelledby="lab-train-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (features.length === 0) return;
        const params = model === 'logistic' ? { l2: num(l2) } : { maxDepth: num(maxDepth), minLeaf: num(minLeaf) };
        lab.dispatch({
          type: 'train',
          model,
          features: all.filter((f) => features.includes(f)),
          windowDays: num(windowDays) ?? 14,
          params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
          ...(join === 'default' ? {} : { join }),
        });
      }}
    >
      <h2 id="lab-train-h">Train a run</h2>
      <div className="lab-row lab-wrap">
        <label htmlFor="lab-model">Model</label>
        <select id="lab-model" className="input" value={model} onChange={(e) => setModel(e.target.value as 'logistic' | 'tree')}>
          <option value="logistic">Logistic regression</option>
          <option value="tree">Decision tree</option>
        </select>
        <label htmlFor="lab-window">Window (days)</label>
        <input
          id="lab-window"
          className="input lab-num"
          type="number"
          min={2}
          max={LAB_LIMITS.maxWindowDays}
          value={windowDays}
          onChange={(e) => setWindowDays(e.target.value)}
        />
        {model === 'logistic' ? (
          <>
            <label htmlFor="lab-l2">L2 penalty</label>
            <input
              id="lab-l2"
              className="input lab-num"
              type="number"
              min={0}
              max={1000}
              step="any"
              value={l2}
              onChange={(e) => setL2(e.target.value)}
            />
          </>
        ) : (
          <>
            <label htmlFor="lab-depth">Max depth</label>
            <input
              id="lab-depth"
              className="input lab-num"
              type="number"
              min={1}
              max={10}
              value={maxDepth}
              onChange={(e) => setMaxDepth(e.target.value)}
            />
            <label htmlFor="lab-leaf">Min rows per leaf</label>
            <input
              id="lab-leaf"
              className="input lab-num"
              type="number"
              min={5}
              max={5000}
              value={minLeaf}
              onChange={(e) => setMinLeaf(e.target.value)}
            />
          </>
        )}
        <label htmlFor="lab-join">Store feature join</label>
        <select id="lab-join" className="input" value={join} onChange={(e) => setJoin(e.target.value as typeof join)}>
          <option value="default">Pipeline default: {pipelineJoin}</option>
          <option value="point-in-time">Point in time (correct)</option>
          <option value="latest">Latest value (leaks the label)</option>
        </select>
      </div>
      <fieldset className="lab-features">
        <legend>Features</legend>
        {all.map((id) => (
          <label key={id} className="lab-check">
            <input
              type="checkbox"
              checked={features.includes(id)}
              onChange={(e) => setFeatures(e.target.checked ? [...features, id] : features.filter((f) => f !== id))}
            />
            {featureLabel(s, id)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={features.length === 0}>
        Train the run
      </button>
      {features.length === 0 ? <p className="muted">Choose at least one feature.</p> : null}
    </form>
  );
}
