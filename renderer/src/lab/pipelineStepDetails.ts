/**
 * Owns: what the pipeline view shows for one selected step — its inputs, its outputs and its log lines — derived
 * from the lab's state only (runs, registry events, day records, alerts). Pure: no React. Only what the team can
 * know is shown here (no hindsight truth, no shift causes).
 */
import type { PipelineStep } from '../../../shared/lab/actions';
import type { LabState } from '../../../shared/lab/labTypes';
import type { Scenario } from '../../../shared/lab/scenarioSchema';

export interface StepDetails {
  inputs: string[];
  outputs: string[];
  /** Newest first. */
  logs: { day: number; text: string }[];
  /** Something the team should not miss (the bypassed feature store's leak). */
  warning?: string;
}

const MAX_LOGS = 8;
const f3 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
const newest = <T extends { day: number }>(xs: T[]) => [...xs].sort((a, b) => b.day - a.day).slice(0, MAX_LOGS);

export function featureLabel(scenario: Scenario, id: string): string {
  if (id === scenario.entity.storeFeature.id) return scenario.entity.storeFeature.label;
  return scenario.features.find((f) => f.id === id)?.label ?? id;
}

export function stepDetails(step: PipelineStep, state: LabState, scenario: Scenario): StepDetails {
  const p = state.pipeline;
  const alerts = state.days.flatMap((d) => d.alerts);
  const last = state.days[state.days.length - 1];
  const events = state.registry.events;
  const store = scenario.entity.storeFeature;
  switch (step) {
    case 'ingest':
      return {
        inputs: [
          `${scenario.rowsPerDay.toLocaleString('en')} ${scenario.rowNoun}s a day`,
          `labels (${scenario.positiveLabel}) arrive ${scenario.labelDelayDays} days late`,
        ],
        outputs: ['raw rows for serving and for the offline log'],
        logs: newest(
          state.days.map((d) => ({
            day: d.day,
            text: `${d.rows.toLocaleString('en')} rows scored, ${d.flagged.toLocaleString('en')} flagged`,
          })),
        ),
      };
    case 'validate':
      return {
        inputs: ['today’s served rows', 'the champion’s training range per feature'],
        outputs: [
          p.steps.validate
            ? `a validation alert when more than ${scenario.monitoring.validationAlert * 100}% of a feature’s values are out of range`
            : 'nothing (step off)',
        ],
        logs: newest(alerts.filter((a) => a.kind === 'validation').map((a) => ({ day: a.day, text: a.message }))),
      };
    case 'features': {
      const joinLogs = state.runs.map((r) => ({
        day: r.day,
        text: `${r.id}: ${r.featureJoin === 'latest' ? '"latest" join (leaks labels into training)' : 'point-in-time join'}`,
      }));
      return {
        inputs: [`confirmed labels per ${scenario.entity.noun}`, `the request features of each ${scenario.rowNoun}`],
        outputs: [
          `"${store.label}" (last ${store.windowDays} days), joined ${p.steps.features ? 'point in time' : 'as of now ("latest")'}`,
        ],
        logs: newest(joinLogs),
        ...(p.steps.features
          ? {}
          : {
              warning: `The feature store is bypassed: training joins "${store.label}" as it is now ("latest"), which already counts the label of the very ${scenario.rowNoun} being learned from. The model learns from the future; in serving that value is not known yet → training/serving skew, and holdout scores that look better than production.`,
            }),
      };
    }
    case 'train':
      return {
        inputs: [
          `labelled days up to ${state.day - 1 - scenario.labelDelayDays} (labels arrive ${scenario.labelDelayDays} days late)`,
          'the champion’s model, features and window (automatic runs)',
        ],
        outputs: [`runs in the tracking table (${state.runs.length} so far)`],
        logs: newest(
          state.runs.map((r) => ({
            day: r.day,
            text: `${r.id} (${r.trigger}): ${r.model}, days ${r.window.from}…${r.window.to}, holdout AUC ${f3(r.metrics.auc)}`,
          })),
        ),
      };
    case 'evaluate':
      return {
        inputs: ['the candidate and the champion, scored on the same latest labelled day'],
        outputs: [`pass/fail: AUC ≥ ${scenario.gate.minAuc}, ECE ≤ ${scenario.gate.maxEce}, no worse than the champion`],
        logs: newest(
          events
            .filter((e) => e.kind === 'promoted' || e.kind === 'gate-refused')
            .map((e) => ({ day: e.day, text: `v${e.version} ${e.kind === 'promoted' ? 'passed' : 'refused'}: ${e.detail ?? ''}` })),
        ),
      };
    case 'register':
      return {
        inputs: ['a run'],
        outputs: [
          `model versions (${state.registry.versions.length}); champion v${state.registry.champion ?? '—'}, challenger v${state.registry.challenger ?? '—'}`,
        ],
        logs: newest(
          events
            .filter((e) => e.kind === 'registered' || e.kind === 'challenger' || e.kind === 'archived')
            .map((e) => ({ day: e.day, text: `v${e.version} ${e.kind}${e.detail ? ` (${e.detail})` : ''}` })),
        ),
      };
    case 'deploy':
      return {
        inputs: ['a version that passed the gate'],
        outputs: [
          p.deployMode === 'direct'
            ? 'the champion serves all traffic (direct deployment)'
            : last?.rollout
              ? `${p.deployMode}: v${last.rollout.version} ${p.deployMode === 'canary' ? `decided ${last.rollout.served} rows` : `scored ${last.rollout.rows} rows in shadow`} on day ${last.day}, flagging ${(last.rollout.flagRate * 100).toFixed(1)}% vs the champion's ${(last.rollout.championFlagRate * 100).toFixed(1)}% (${last.rollout.healthy ? 'healthy' : 'unhealthy'})`
              : `${p.deployMode}: no challenger in rollout; the champion serves all traffic`,
        ],
        logs: newest(
          events
            .filter((e) => e.kind === 'promoted' || e.kind === 'rolled-back' || (e.kind === 'archived' && p.deployMode !== 'direct'))
            .map((e) => ({
              day: e.day,
              text: `v${e.version} ${e.kind === 'promoted' ? 'became champion' : e.kind === 'archived' ? 'archived (rollout stopped or retired)' : 'restored by rollback'}`,
            })),
        ),
      };
    case 'monitor': {
      const top = last?.drift ? [...last.drift].sort((a, b) => b.psi - a.psi).slice(0, 3) : [];
      return {
        inputs: ['served rows and scores', 'the champion’s training reference', 'labels as they arrive'],
        outputs: [
          top.length
            ? `day ${last!.day}: highest PSI ${top.map((d) => `${featureLabel(scenario, d.feature)} ${f3(d.psi)}`).join(', ')}`
            : p.steps.monitor
              ? 'no drift measured yet (needs a champion and a simulated day)'
              : 'nothing: monitoring is off',
          `alerts: PSI ≥ ${scenario.monitoring.psiAlert}, KS ≥ ${scenario.monitoring.ksAlert}, live AUC below holdout − ${scenario.monitoring.aucDropAlert}`,
        ],
        logs: newest(alerts.filter((a) => a.kind !== 'validation').map((a) => ({ day: a.day, text: a.message }))),
      };
    }
  }
}
