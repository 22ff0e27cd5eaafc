/**
 * Owns: the pipeline view's graph as data (issue 16, point 5) — the eight steps in order with their names, what
 * each does, whether it is on and what the pipeline does instead when it is off, the node positions (two rows, a
 * snake), the edges between consecutive steps and the continuous-training loop (monitor → train on a drift alert),
 * and what each maturity level means. Pure: no React, no xyflow; the view draws what this returns.
 */
import { PIPELINE_STEPS, type PipelineStep } from '../../../shared/lab/actions';
import type { PipelineConfig } from '../../../shared/lab/labTypes';

export interface PipelineStepInfo {
  step: PipelineStep;
  label: string;
  /** One line: what the step does when it is on. */
  does: string;
  /** One line: what happens instead while it is off. */
  whenOff: string;
}

export const STEP_INFO: Record<PipelineStep, PipelineStepInfo> = {
  ingest: {
    step: 'ingest',
    label: 'Ingest',
    does: 'Receives the day’s traffic and the labels that arrive late.',
    whenOff: 'Always on: without data there is no lab.',
  },
  validate: {
    step: 'validate',
    label: 'Validate data',
    does: 'Checks each feature against the champion’s training range; raises a validation alert.',
    whenOff: 'Unit changes and broken values reach the model unnoticed.',
  },
  features: {
    step: 'features',
    label: 'Build features',
    does: 'Feature store: joins each entity’s history point in time (only what was known that day).',
    whenOff: 'Features are joined by hand "as of now": training sees labels from the future (leak) → training/serving skew.',
  },
  train: {
    step: 'train',
    label: 'Train',
    does: 'Retrains like the champion on a schedule or on an alert.',
    whenOff: 'Training happens only when someone trains by hand.',
  },
  evaluate: {
    step: 'evaluate',
    label: 'Evaluate',
    does: 'The promotion gate: fixed thresholds and no worse than the champion.',
    whenOff: 'An automatic deployment skips the gate.',
  },
  register: {
    step: 'register',
    label: 'Register',
    does: 'Stores each automatic run as a model version in the registry.',
    whenOff: 'Automatic runs are logged but never become versions.',
  },
  deploy: {
    step: 'deploy',
    label: 'Deploy',
    does: 'A new version that passes the gate becomes the champion by itself.',
    whenOff: 'A human promotes (new versions wait as challenger).',
  },
  monitor: {
    step: 'monitor',
    label: 'Monitor',
    does: 'Drift (PSI, KS) per feature, prediction drift, live quality once labels arrive; alerts.',
    whenOff: 'Flying blind: problems show up only as complaints.',
  },
};

export const LEVELS: { level: 0 | 1 | 2; name: string; means: string }[] = [
  {
    level: 0,
    name: 'Level 0 — manual',
    means: 'Notebooks and hand work: no monitoring, features joined by hand, every retrain and release by a person.',
  },
  {
    level: 1,
    name: 'Level 1 — pipeline automation',
    means: 'Validated data, the feature store, train → evaluate → register on a schedule, monitoring; a human promotes.',
  },
  {
    level: 2,
    name: 'Level 2 — CI/CD for models',
    means: 'Alerts trigger training (continuous training) and a version that passes the gate is deployed automatically.',
  },
];

export type StepStatus = 'on' | 'off' | 'always';

export interface PipelineNodeData {
  step: PipelineStep;
  label: string;
  status: StepStatus;
  /** A short line under the name (trigger, join mode, deploy mode). */
  note: string;
}

export interface PipelineGraphNode {
  id: PipelineStep;
  position: { x: number; y: number };
  data: PipelineNodeData;
}

export interface PipelineGraphEdge {
  id: string;
  source: PipelineStep;
  target: PipelineStep;
  /** Data flows along it (both ends on). */
  active: boolean;
  /** The continuous-training loop. */
  loop: boolean;
  label?: string;
}

export const NODE_WIDTH = 190;
export const NODE_GAP = 70;
export const ROW_GAP = 150;

export function stepStatus(config: PipelineConfig, step: PipelineStep): StepStatus {
  if (step === 'ingest') return 'always';
  return config.steps[step] ? 'on' : 'off';
}

export function stepNote(config: PipelineConfig, step: PipelineStep): string {
  const on = config.steps[step];
  switch (step) {
    case 'ingest':
      return 'always on';
    case 'features':
      return on ? 'point-in-time join' : 'bypassed: "latest" join';
    case 'train':
      if (!on) return 'manual only';
      return (
        [config.scheduleDays !== null ? `every ${config.scheduleDays} d` : null, config.onDrift ? 'on alert' : null]
          .filter(Boolean)
          .join(' + ') || 'no trigger set'
      );
    case 'deploy':
      return on ? `automatic (${config.deployMode})` : 'a human promotes';
    case 'monitor':
      return on ? 'drift + live quality' : 'flying blind';
    case 'validate':
      return on ? 'range checks' : 'no checks';
    case 'evaluate':
      return on ? 'promotion gate' : 'gate skipped';
    case 'register':
      return on ? 'model registry' : 'runs not registered';
  }
}

/** The nodes (first row left to right, second row right to left) and edges of the pipeline for `config`. */
export function pipelineGraph(config: PipelineConfig): { nodes: PipelineGraphNode[]; edges: PipelineGraphEdge[] } {
  const perRow = Math.ceil(PIPELINE_STEPS.length / 2);
  const nodes = PIPELINE_STEPS.map((step, i): PipelineGraphNode => {
    const row = Math.floor(i / perRow);
    const col = row === 0 ? i : perRow - 1 - (i - perRow);
    return {
      id: step,
      position: { x: col * (NODE_WIDTH + NODE_GAP), y: row * ROW_GAP },
      data: { step, label: STEP_INFO[step].label, status: stepStatus(config, step), note: stepNote(config, step) },
    };
  });
  const on = (s: PipelineStep) => s === 'ingest' || config.steps[s];
  const edges: PipelineGraphEdge[] = [];
  for (let i = 1; i < PIPELINE_STEPS.length; i++) {
    const source = PIPELINE_STEPS[i - 1]!;
    const target = PIPELINE_STEPS[i]!;
    edges.push({ id: `${source}-${target}`, source, target, active: on(source) && on(target), loop: false });
  }
  if (config.onDrift)
    edges.push({
      id: 'monitor-train',
      source: 'monitor',
      target: 'train',
      active: config.steps.monitor && config.steps.train,
      loop: true,
      label: `alert → retrain (cooldown ${config.cooldownDays} d)`,
    });
  return { nodes, edges };
}

/** A sentence naming how training is triggered, for the triggers panel and the step list. */
export function triggerSummary(config: PipelineConfig): string {
  const parts: string[] = [];
  if (config.scheduleDays !== null) parts.push(`every ${config.scheduleDays} day${config.scheduleDays === 1 ? '' : 's'}`);
  if (config.onDrift) parts.push('on a drift, validation or quality alert (continuous training)');
  if (!parts.length) return 'No automatic trigger: training happens only by hand.';
  const base = `Retrains ${parts.join(' and ')}, at most once every ${config.cooldownDays} days (cooldown).`;
  return config.steps.train ? base : `${base} The train step is off, so nothing fires.`;
}
