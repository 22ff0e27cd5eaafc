/**
 * The lab's automation, read as the kit's ML Test Score (Breck et al. 2017; content/mltestscore/ml-test-score.yaml):
 * which of its tests the team's pipeline automates, which the lab lets the team do by hand, and why.
 *
 * Owns: `mlTestScoreLink(state)` → one entry per ML Test Score test the lab touches, with a status on the
 * rubric's own scale ('automated' = 1 point, 'manual' = 0.5, 'no' = 0) and the reason in one sentence, derived
 * from the pipeline configuration and what has happened (runs, registry, live quality). Tests the lab has nothing
 * to say about (privacy controls, feature cost, computing performance…) are left out, not marked 'no'.
 * Pure; the test ids are checked against the content in mlTestScoreLink.test.ts.
 */
import type { LabState } from './labTypes';

export type MtsLinkStatus = 'automated' | 'manual' | 'no';

export interface MtsLink {
  /** An ML Test Score test id, e.g. "mts-monitor-2". */
  testId: string;
  status: MtsLinkStatus;
  reason: string;
}

export type MtsLinkInput = Pick<LabState, 'pipeline' | 'runs' | 'registry' | 'days'>;

export const MTS_LINK_POINTS: Record<MtsLinkStatus, 0 | 0.5 | 1> = { automated: 1, manual: 0.5, no: 0 };

export function mlTestScoreLink(st: MtsLinkInput): MtsLink[] {
  const p = st.pipeline;
  const s = p.steps;
  const hasChampion = st.registry.champion !== null;
  const kinds = new Set(st.runs.map((r) => r.model));
  const slices = st.runs.some((r) => r.subgroups.length > 0);
  const link = (testId: string, status: MtsLinkStatus, reason: string): MtsLink => ({ testId, status, reason });
  return [
    s.validate
      ? link('mts-data-1', 'automated', 'The validate step checks every served feature against the range seen in training, every day.')
      : link('mts-data-1', 'no', 'Switch on the validate step: nothing checks incoming values against the training data.'),
    kinds.size > 1
      ? link(
          'mts-model-5',
          'manual',
          'You trained both a logistic regression and a tree: compare them on the same holdout in the runs table.',
        )
      : link('mts-model-5', 'no', 'Train the other model kind too and compare: is the complex model worth it?'),
    slices
      ? link(
          'mts-model-6',
          'manual',
          'Every run logs its quality per subgroup; the gate does not check slices, so a person must read them.',
        )
      : link('mts-model-6', 'no', 'No run with quality per subgroup yet (or this scenario has no subgroups).'),
    s.train
      ? link(
          'mts-infra-1',
          'automated',
          'The pipeline retrains from versioned data with a fixed seed: the same inputs give the same model.',
        )
      : st.runs.length
        ? link('mts-infra-1', 'manual', 'Each run logs its data version, features, parameters and code version, so you can train it again.')
        : link('mts-infra-1', 'no', 'No run yet.'),
    s.evaluate && s.deploy
      ? link(
          'mts-infra-4',
          'automated',
          'Continuous training deploys a model only through the gate: fixed thresholds and no worse than the champion.',
        )
      : hasChampion
        ? link('mts-infra-4', 'manual', 'Your promotions go through the gate, but a person decides when to evaluate and promote.')
        : link('mts-infra-4', 'no', 'Nothing has been promoted yet.'),
    hasChampion
      ? link('mts-infra-5', 'manual', 'Any served prediction can be explained: per-feature contributions of the champion.')
      : link('mts-infra-5', 'no', 'Promote a model first: there is no served prediction to explain.'),
    p.deployMode === 'direct'
      ? link('mts-infra-6', 'no', 'Deployment is direct: a new model takes all the traffic at once.')
      : p.deployMode === 'canary' && s.deploy
        ? link(
            'mts-infra-6',
            'automated',
            'A model that passes the gate first decides every 10th row (a canary); it takes all the traffic after three healthy days.',
          )
        : link(
            'mts-infra-6',
            'manual',
            p.deployMode === 'canary'
              ? 'A challenger you choose decides every 10th row (a canary); a person promotes it after watching it.'
              : 'A challenger you choose scores all traffic in shadow, acting on none of it; a person promotes it after watching it.',
          ),
    st.registry.championHistory.length > 0 || st.registry.events.some((e) => e.kind === 'rolled-back')
      ? link('mts-infra-7', 'manual', 'The registry keeps earlier champions: rollback is one click, taken by a person.')
      : link('mts-infra-7', 'no', 'Only one champion so far: there is nothing to roll back to.'),
    s.monitor
      ? link(
          'mts-monitor-2',
          'automated',
          'Monitoring compares served data with the training reference daily (PSI and KS per feature) and alerts.',
        )
      : link('mts-monitor-2', 'no', 'Monitoring is off: nobody compares served data with the training data.'),
    s.features
      ? link(
          'mts-monitor-3',
          s.monitor ? 'automated' : 'manual',
          s.monitor
            ? 'The feature store serves the same point-in-time join training used, and drift monitoring flags skew on the other features.'
            : 'The feature store serves the same point-in-time join training used; without monitoring a pipeline bug goes unseen.',
        )
      : link('mts-monitor-3', 'no', 'Features are joined by hand: training and serving may compute different values.'),
    p.scheduleDays !== null && s.train
      ? link('mts-monitor-4', 'automated', `The pipeline retrains every ${p.scheduleDays} days, so no model gets older than that.`)
      : p.onDrift && s.train
        ? link('mts-monitor-4', 'manual', 'Models are retrained on alerts, not on a schedule: a quiet model can grow old unnoticed.')
        : link('mts-monitor-4', 'no', 'Nothing retrains the model: it gets older every day.'),
    s.monitor
      ? link('mts-monitor-7', 'automated', 'Once labels arrive, live AUC is compared with the holdout AUC and an alert fires on a drop.')
      : link('mts-monitor-7', 'no', 'Monitoring is off: live quality is never measured.'),
  ];
}

/** How many tests the pipeline automates (the missions' `automatesAtLeast`). */
export function automatedCount(st: MtsLinkInput): number {
  return mlTestScoreLink(st).filter((l) => l.status === 'automated').length;
}
