/**
 * The console's "MLOps lab" panel: the facilitator opens the lab for the room (one scenario for every team), runs
 * its clock (start, pause, speed: this console advances the room's day while it runs), injects an incident for
 * every team at once (today, or a chosen later day) and puts every team's response on the projector.
 * Writes go to the session document's `lab` entry (shared/room/roomLab.ts); the host accepts them only from the
 * facilitator. Light: no lab engine here (teams' labs and the projector replay in their own workers).
 */
import { Pause, Play, Siren } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { INCIDENT_KINDS, describeIncident, incidentKind } from '../../../shared/lab/incidentPresets';
import type { ShiftKind } from '../../../shared/lab/scenarioSchema';
import { EMPTY_ROOM_LAB, LAB_SPEEDS, labTick, parseRoomLab, withIncident, type RoomLab } from '../../../shared/room/roomLab';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { useGroups } from './groupState';
import { useRoomLab, useTeamLabEntries, writeRoomLab } from './roomLabState';

/** While the clock runs, this console moves the room's day on (reading the document itself: never a stale copy). */
function useLabClock(client: RoomClient, running: boolean): void {
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (client.sessionEnded || client.readOnly) return;
      const next = labTick(parseRoomLab(client.doc('session').getMap('state').get('lab')), client.hostNow());
      if (next) writeRoomLab(client, next);
    }, 200);
    return () => clearInterval(timer);
  }, [client, running]);
}

export function ConsoleLab({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const lab = useRoomLab(client);
  const scenarios = pack.lab;
  const scenario = scenarios.find((s) => s.id === lab.scenarioId);
  useLabClock(client, lab.running && !!scenario);
  const [chosen, setChosen] = useState(lab.scenarioId ?? scenarios[0]?.id ?? '');
  useEffect(() => {
    if (lab.scenarioId) setChosen(lab.scenarioId);
  }, [lab.scenarioId]);

  const save = (next: RoomLab) => writeRoomLab(client, next);
  const open = () => {
    if (lab.scenarioId && lab.day > 0 && !confirm('Start the room’s lab again on day 0 with this scenario? The incidents are cleared.')) return;
    // A new run: the teams' decisions of the previous one stay in their documents but are no longer replayed.
    save({ ...EMPTY_ROOM_LAB, scenarioId: chosen, run: lab.run + 1, speedDaysPerMin: lab.speedDaysPerMin, project: lab.project });
  };

  if (!scenarios.length) return <p className="muted">This content pack has no lab scenarios (content/lab/).</p>;
  return (
    <div className="stack" data-testid="console-lab">
      <p className="muted">
        Every team plays the same scenario, and you run its clock: an incident you inject hits every team on the same simulated day. Teams decide; the
        days pass for everyone at the speed you set.
      </p>
      <div className="page-actions" style={{ marginTop: 0, alignItems: 'end' }}>
        <label className="form-row" style={{ margin: 0 }}>
          <span>Lab scenario</span>
          <select className="input" aria-label="Lab scenario" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={open} disabled={!chosen || (chosen === lab.scenarioId && lab.day === 0)}>
          {lab.scenarioId ? 'Restart the lab with this scenario' : 'Open the lab for the room'}
        </button>
      </div>
      {scenario ? (
        <>
          <div className="page-actions" style={{ alignItems: 'center' }}>
            <strong data-testid="lab-room-day" style={{ fontSize: '1.4rem' }}>
              Day {lab.day}
            </strong>
            <span className="tag">{lab.running ? 'running' : 'paused'}</span>
            <button type="button" className="btn btn-primary" onClick={() => save({ ...lab, running: !lab.running, tickAt: client.hostNow() })}>
              {lab.running ? <Pause size={16} aria-hidden="true" /> : <Play size={16} aria-hidden="true" />}
              {lab.running ? ' Pause the lab clock' : ' Start the lab clock'}
            </button>
            <label className="form-row" style={{ margin: 0 }}>
              <span>Lab speed</span>
              <select className="input" aria-label="Lab speed" value={lab.speedDaysPerMin} onChange={(e) => save({ ...lab, speedDaysPerMin: Number(e.target.value) })}>
                {LAB_SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s} {s === 1 ? 'day' : 'days'} a minute
                  </option>
                ))}
              </select>
            </label>
            <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" checked={lab.project} onChange={(e) => save({ ...lab, project: e.target.checked })} />
              Show every team’s response on the projector
            </label>
          </div>
          <TeamActivity client={client} />
          <InjectForm client={client} lab={lab} />
          <div className="eyebrow">Incidents injected</div>
          {lab.incidents.length ? (
            <ul className="list" data-testid="lab-incidents">
              {lab.incidents.map((inc) => (
                <li key={inc.id}>
                  <strong>Day {inc.day}</strong> — {describeIncident(inc, scenario)}
                  {inc.day > lab.day ? <span className="muted"> (scheduled)</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No incident injected yet.</p>
          )}
        </>
      ) : null}
    </div>
  );
}

/** How many decisions each team has made in its lab, and on which day the last one: who is stuck, at a glance. */
function TeamActivity({ client }: { client: RoomClient }) {
  const groups = useGroups(client);
  const teams = Object.values(groups).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  const entries = useTeamLabEntries(
    client,
    teams.map((t) => t.id),
  );
  if (!teams.length) return <p className="muted">Form groups first: each group gets its own lab.</p>;
  return (
    <p data-testid="lab-team-activity" style={{ margin: 0 }}>
      {teams.map((t, i) => {
        const list = entries[t.id] ?? [];
        const last = list.at(-1) as { at?: unknown } | undefined;
        return (
          <span key={t.id}>
            {i > 0 ? ' · ' : ''}
            <strong>{t.name}</strong>: {list.length} {list.length === 1 ? 'decision' : 'decisions'}
            {typeof last?.at === 'number' ? ` (last on day ${last.at})` : ''}
          </span>
        );
      })}
    </p>
  );
}

function InjectForm({ client, lab }: { client: RoomClient; lab: RoomLab }) {
  const { pack } = useContent();
  const scenario = pack.lab.find((s) => s.id === lab.scenarioId);
  const [kind, setKind] = useState<ShiftKind>('upstream');
  const [feature, setFeature] = useState(scenario?.features[0]?.id ?? '');
  const [preset, setPreset] = useState(0);
  const [day, setDay] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const k = incidentKind(kind) ?? INCIDENT_KINDS[0]!;
  const p = k.presets[preset] ?? k.presets[0]!;
  if (!scenario) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosenDay = day.trim() === '' ? undefined : Math.floor(Number(day));
    const next = withIncident(lab, {
      kind,
      amount: p.amount,
      rampDays: p.rampDays,
      ...(k.feature ? { feature } : {}),
      ...(note.trim() ? { note: note.trim().slice(0, 300) } : {}),
      ...(chosenDay !== undefined && Number.isFinite(chosenDay) ? { day: chosenDay } : {}),
    });
    if (typeof next === 'string') {
      setMessage(next);
      return;
    }
    writeRoomLab(client, next);
    const added = next.incidents.at(-1)!;
    setMessage(`Injected for every team from day ${added.day}: ${describeIncident(added, scenario)}.`);
    setNote('');
    setDay('');
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Inject an incident">
      <div className="eyebrow">Inject an incident for every team</div>
      <div className="page-actions" style={{ alignItems: 'end' }}>
        <label className="form-row" style={{ margin: 0 }}>
          <span>Incident</span>
          <select
            className="input" aria-label="Incident"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ShiftKind);
              setPreset(0);
            }}
          >
            {INCIDENT_KINDS.map((x) => (
              <option key={x.kind} value={x.kind}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        {k.feature ? (
          <label className="form-row" style={{ margin: 0 }}>
            <span>Feature</span>
            <select className="input" aria-label="Feature" value={feature} onChange={(e) => setFeature(e.target.value)}>
              {scenario.features.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="form-row" style={{ margin: 0 }}>
          <span>How much</span>
          <select className="input" aria-label="How much" value={preset} onChange={(e) => setPreset(Number(e.target.value))}>
            {k.presets.map((x, i) => (
              <option key={x.label} value={i}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label className="form-row" style={{ margin: 0, maxWidth: 180 }}>
          <span>From day (empty: today)</span>
          <input className="input" aria-label="From day (empty: today)" type="number" min={lab.day} value={day} placeholder={String(lab.day)} onChange={(e) => setDay(e.target.value)} />
        </label>
        <label className="form-row" style={{ margin: 0, flex: 1, minWidth: 200 }}>
          <span>Note for the debrief (optional)</span>
          <input className="input" aria-label="Note for the debrief (optional)" value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <p className="muted" style={{ margin: '6px 0' }}>
        {k.label}: {k.means}.
      </p>
      <button type="submit" className="btn btn-primary">
        <Siren size={16} aria-hidden="true" /> Inject an incident for every team
      </button>
      {message ? (
        <p role="status" data-testid="lab-inject-status">
          {message}
        </p>
      ) : null}
    </form>
  );
}
