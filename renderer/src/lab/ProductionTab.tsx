/**
 * The lab's Production tab: the overview a team keeps an eye on — the simulated day, the champion, the business
 * cost so far, today's alerts, open incidents with their time to detect and recover, the maturity level, the
 * decision threshold, the clock (when this screen may advance it) and, in self-study, incident injection.
 *
 * Owns: the overview and the level/threshold controls; the clock and the incident controls are their own
 * components (AdvanceControls.tsx, IncidentControls.tsx). Refused actions (`state.errors`) are shown above
 * every tab by the workbench (Refusals.tsx).
 */
import { useState } from 'react';
import type { LabApi } from './labApi';
import { AdvanceControls } from './AdvanceControls';
import { IncidentControls, ResponseControls } from './IncidentControls';
import { f3, featureLabel, money } from './labFormat';

export const LEVELS = [
  {
    level: 0,
    title: 'Level 0 — manual',
    detail: 'Notebooks and hand-joined features; nobody watches production; you retrain and promote by hand.',
  },
  {
    level: 1,
    title: 'Level 1 — pipeline',
    detail: 'Validated data, the feature store, scheduled training and registering, monitoring; a human promotes.',
  },
  {
    level: 2,
    title: 'Level 2 — continuous training',
    detail: 'Drift or quality alerts trigger training, and a model that passes the gate is deployed.',
  },
] as const;

function ThresholdControl({ lab }: { lab: LabApi }) {
  const current = lab.state!.threshold;
  const [value, setValue] = useState(String(current));
  const parsed = Number(value);
  const valid = value.trim() !== '' && parsed > 0 && parsed < 1;
  return (
    <form
      className="lab-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && parsed !== current) lab.dispatch({ type: 'setThreshold', threshold: parsed });
      }}
    >
      <label htmlFor="lab-threshold">Decision threshold (a score at or above it is flagged {lab.scenario.positiveLabel})</label>
      <input
        id="lab-threshold"
        className="input"
        type="number"
        min={0.01}
        max={0.99}
        step={0.01}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn" disabled={!valid || parsed === current}>
        Set threshold
      </button>
      <span className="muted">now {current}</span>
    </form>
  );
}

/**
 * Maturity level 0/1/2 (setLevel). The choice shows at once, before the engine has applied it (in a room the
 * action travels through the team document first); the engine's level wins once the list has moved on.
 */
function LevelSelector({ lab }: { lab: LabApi }) {
  const st = lab.state!;
  const [pending, setPending] = useState<{ level: 0 | 1 | 2; applied: number } | null>(null);
  const shown = pending && pending.applied === st.applied ? pending.level : st.pipeline.level;
  return (
    <fieldset className="lab-levels">
      <legend>Maturity level</legend>
      {LEVELS.map((l) => (
        <label key={l.level} className="lab-radio">
          <input
            type="radio"
            name="lab-level"
            checked={shown === l.level}
            onChange={() => {
              setPending({ level: l.level, applied: st.applied });
              lab.dispatch({ type: 'setLevel', level: l.level });
            }}
          />
          <span>
            <strong>{l.title}</strong>: {l.detail}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function ProductionTab({ lab }: { lab: LabApi }) {
  const st = lab.state!;
  const s = lab.scenario;
  const today = st.days[st.days.length - 1];
  const champion = st.registry.champion;
  const champRun =
    champion === null ? undefined : st.runs.find((r) => r.id === st.registry.versions.find((v) => v.version === champion)?.runId);
  const open = st.incidents.filter((i) => i.recoveredDay === null);
  return (
    <div className="stack">
      <dl className="lab-kpis">
        <div>
          <dt>Simulated day</dt>
          <dd data-testid="lab-day">{st.day}</dd>
        </div>
        <div>
          <dt>Champion</dt>
          <dd data-testid="lab-champion">
            {champion === null ? 'none yet' : `v${champion} (${champRun?.model ?? '?'}, AUC ${f3(champRun?.metrics.auc)})`}
          </dd>
        </div>
        <div>
          <dt>Cost so far</dt>
          <dd>{money(s, st.totalCost)}</dd>
        </div>
        <div>
          <dt>Maturity level</dt>
          <dd>{st.pipeline.level}</dd>
        </div>
      </dl>
      {champion === null ? (
        <p className="muted">
          No model serves yet: every {s.rowNoun} is let through and each missed {s.positiveLabel} costs {s.costs.falseNegative}{' '}
          {s.costs.currency} ({s.costs.falseNegativeMeans}). Train a run, register it and promote it in the Runs and Registry tabs.
        </p>
      ) : null}

      <section aria-labelledby="lab-alerts-h">
        <h2 id="lab-alerts-h">Alerts of the last day {today ? `(day ${today.day})` : ''}</h2>
        {!today ? (
          <p className="empty">No day simulated yet.</p>
        ) : today.alerts.length === 0 ? (
          <p className="empty">{st.pipeline.steps.monitor ? 'No alert.' : 'No alert — but monitoring is off, so nobody would know.'}</p>
        ) : (
          <ul className="lab-alerts" data-testid="lab-alerts">
            {today.alerts.map((a, i) => (
              <li key={i}>
                <span className="tag">⚠ {a.kind}</span> {a.feature ? `${featureLabel(s, a.feature)} — ` : ''}
                {a.feature && a.message.startsWith(`${a.feature}: `) ? a.message.slice(a.feature.length + 2) : a.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="lab-incidents-h">
        <h2 id="lab-incidents-h">Open incidents</h2>
        {open.length === 0 ? (
          <p className="empty">None open.</p>
        ) : (
          <table className="lab-table">
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Since</th>
                <th scope="col">Detected (TTD)</th>
                <th scope="col">Extra cost</th>
              </tr>
            </thead>
            <tbody>
              {open.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    {i.shift.kind}
                    {i.shift.feature ? ` on ${featureLabel(s, i.shift.feature)}` : ''} (
                    {i.source === 'facilitator' ? 'injected' : 'scheduled in the scenario'})
                  </th>
                  <td>day {i.day}</td>
                  <td>{i.detectedDay === null ? 'not yet' : `day ${i.detectedDay} by ${i.detectedBy} (TTD ${i.detectedDay - i.day} d)`}</td>
                  <td>
                    {money(s, i.extraCost)}
                    {i.impacted ? ' — impact, not yet recovered' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {st.incidents.some((i) => i.recoveredDay !== null) ? (
          <p className="muted">
            Recovered:{' '}
            {st.incidents
              .filter((i) => i.recoveredDay !== null)
              .map((i) => `${i.shift.kind} (day ${i.day}, TTR ${i.recoveredDay! - i.day} d)`)
              .join('; ')}
          </p>
        ) : null}
      </section>

      <LevelSelector lab={lab} />
      <ThresholdControl key={st.threshold} lab={lab} />
      {lab.canAdvance ? <AdvanceControls lab={lab} /> : <p className="muted">The facilitator's clock drives the days in this room.</p>}
      <ResponseControls lab={lab} />
      <IncidentControls lab={lab} />
    </div>
  );
}
