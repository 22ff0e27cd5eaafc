/**
 * Owns: the monitoring view's tables — the latest drift per feature (with its state in words, not colour alone),
 * the alerts with their thresholds, and the incidents (the debrief's hindsight: when each began, when and how it
 * was detected, when cost recovered, its extra cost).
 */
import type { Alert, DayRecord, Incident } from '../../../shared/lab/labTypes';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import { fmt } from './monitoringSeries';
import { featureLabel } from './pipelineStepDetails';

const KIND: Record<Alert['kind'], string> = {
  drift: 'feature drift',
  'prediction-drift': 'prediction drift',
  validation: 'validation',
  quality: 'live quality',
};

export function driftState(psi: number, ks: number, m: Scenario['monitoring']): 'alert' | 'warn' | 'ok' {
  if (psi >= m.psiAlert || ks >= m.ksAlert) return 'alert';
  return psi >= m.psiWarn ? 'warn' : 'ok';
}

export function LatestDriftTable({ day, scenario }: { day: DayRecord; scenario: Scenario }) {
  const m = scenario.monitoring;
  const rows = [...(day.drift ?? [])].sort((a, b) => b.psi - a.psi);
  return (
    <table className="monitoring-table">
      <caption>
        Drift per feature on day {day.day} (served data vs the champion’s training data; PSI on bins fixed on that reference)
      </caption>
      <thead>
        <tr>
          <th scope="col">Feature</th>
          <th scope="col">PSI</th>
          <th scope="col">KS</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const s = driftState(r.psi, r.ks, m);
          return (
            <tr key={r.feature}>
              <th scope="row">{featureLabel(scenario, r.feature)}</th>
              <td>{fmt(r.psi)}</td>
              <td>{fmt(r.ks)}</td>
              <td className={`monitoring-state-${s}`}>{s === 'alert' ? '▲ alert' : s === 'warn' ? '● warning' : '✓ ok'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const MAX_ALERTS = 30;

export function AlertsTable({ alerts, scenario }: { alerts: readonly Alert[]; scenario: Scenario }) {
  const m = scenario.monitoring;
  return (
    <>
      <p className="muted">
        Thresholds: feature PSI alert at {m.psiAlert} (warning at {m.psiWarn}) or KS at {m.ksAlert}; prediction PSI at {m.psiAlert}; live
        AUC more than {m.aucDropAlert} below the model’s holdout AUC; validation when more than {m.validationAlert * 100}% of a feature’s
        values are out of the training range.
      </p>
      {alerts.length === 0 ? (
        <p className="empty">No alert so far.</p>
      ) : (
        <table className="monitoring-table" data-testid="monitoring-alerts">
          <caption>
            Alerts, newest first{alerts.length > MAX_ALERTS ? ` (the latest ${MAX_ALERTS} of ${alerts.length})` : ` (${alerts.length})`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Kind</th>
              <th scope="col">Feature</th>
              <th scope="col">Value</th>
              <th scope="col">Threshold</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {alerts.slice(0, MAX_ALERTS).map((a, i) => (
              <tr key={i}>
                <td>{a.day}</td>
                <td>{KIND[a.kind]}</td>
                <td>{a.feature ? featureLabel(scenario, a.feature) : '—'}</td>
                <td>{a.kind === 'validation' ? `${fmt(a.value * 100, 1)}%` : fmt(a.value)}</td>
                <td>{a.kind === 'validation' ? `${fmt(a.threshold * 100, 1)}%` : fmt(a.threshold)}</td>
                <td>{a.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function incidentCause(i: Incident, scenario: Scenario): string {
  const f = i.shift.feature ? ` on ${featureLabel(scenario, i.shift.feature)}` : '';
  const kind = {
    covariate: 'covariate drift',
    concept: 'concept drift',
    prior: 'prior (label) shift',
    upstream: 'upstream unit change',
    pipelineBug: 'feature-pipeline bug',
  }[i.shift.kind];
  return `${kind}${f}${i.shift.note ? ` — ${i.shift.note}` : ''}`;
}

export function IncidentsTable({ incidents, scenario }: { incidents: readonly Incident[]; scenario: Scenario }) {
  if (!incidents.length) return <p className="empty">No incident has started yet.</p>;
  const currency = scenario.costs.currency;
  return (
    <table className="monitoring-table" data-testid="monitoring-incidents">
      <caption>Incidents (hindsight: what really happened, and how the team did)</caption>
      <thead>
        <tr>
          <th scope="col">Began</th>
          <th scope="col">What changed</th>
          <th scope="col">By</th>
          <th scope="col">Detected</th>
          <th scope="col">Recovered</th>
          <th scope="col">Extra cost ({currency})</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id}>
            <td>day {i.day}</td>
            <td>{incidentCause(i, scenario)}</td>
            <td>{i.source === 'facilitator' ? 'facilitator' : 'scenario'}</td>
            <td>
              {i.detectedDay === null
                ? 'not detected'
                : `day ${i.detectedDay} (${i.detectedBy === 'declared' ? 'declared by the team' : `${KIND[i.detectedBy!]} alert`}, after ${i.detectedDay - i.day} d)`}
            </td>
            <td>{i.recoveredDay !== null ? `day ${i.recoveredDay}` : i.impacted ? 'not yet' : 'no cost impact'}</td>
            <td>{Math.round(i.extraCost).toLocaleString('en')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
