/**
 * The projector's live comparison of every team's response to the facilitator's incidents (issue 16, "In the
 * room"): per team, when monitoring (or the team) detected it, when the cost came back, and what it cost extra —
 * a table (the numbers, readable from the back row) and a chart of each team's cost per 1,000 rows day by day
 * with the incident marked. Every team's lab is replayed in a worker from the same inputs the teams' screens use
 * (session lab + team/<id>/lab → roomTimeline), so the projector shows exactly what each team lived.
 * Loaded on demand (recharts, the engine in the worker): nothing of it is in the projector's first bundle.
 */
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { describeIncident } from '../../../shared/lab/incidentPresets';
import type { Incident } from '../../../shared/lab/labTypes';
import type { TeamResponse } from '../../../shared/lab/roomReplays';
import { roomTimeline } from '../../../shared/lab/roomTimeline';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { useGroups } from '../live/groupState';
import { useRoomLab, useTeamLabEntries } from '../live/roomLabState';
import { useRoomReplays } from './useRoomReplays';

const LINE_STYLES = [
  { stroke: 'var(--accent)', dash: undefined },
  { stroke: 'var(--warn)', dash: '10 6' },
  { stroke: 'var(--ok)', dash: '3 5' },
  { stroke: 'var(--danger)', dash: '14 4 3 4' },
  { stroke: 'var(--text)', dash: '6 3' },
];

function detection(inc: Incident | undefined): string {
  if (!inc) return 'not yet started';
  if (inc.detectedDay === null) return 'not detected';
  const by = inc.detectedBy === 'declared' ? 'declared by the team' : `${inc.detectedBy} alert`;
  return `after ${inc.detectedDay - inc.day} ${inc.detectedDay - inc.day === 1 ? 'day' : 'days'} (${by})`;
}

function recovery(inc: Incident | undefined): string {
  if (!inc) return '—';
  if (inc.recoveredDay !== null) return `recovered after ${inc.recoveredDay - inc.day} days`;
  return inc.impacted ? 'not recovered yet: cost still high' : 'no rise in cost so far';
}

export default function RoomLabComparison({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const lab = useRoomLab(client);
  const groups = useGroups(client);
  const teamList = useMemo(() => Object.values(groups).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true })), [groups]);
  const entries = useTeamLabEntries(
    client,
    teamList.map((t) => t.id),
  );
  const scenario = pack.lab.find((s) => s.id === lab.scenarioId) ?? null;
  const request = useMemo(
    () =>
      scenario
        ? { scenario, seed: lab.seed, teams: teamList.map((t) => ({ teamId: t.id, actions: roomTimeline(entries[t.id] ?? [], lab.incidents, lab.day, lab.run) })) }
        : null,
    [scenario, lab.seed, lab.incidents, lab.day, lab.run, teamList, entries],
  );
  const { teams, error } = useRoomReplays(request);
  const name = (id: string) => groups[id]?.name ?? id;
  const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: scenario?.costs.currency ?? 'EUR', maximumFractionDigits: 0 });
  // Incidents that have begun (a team's lab opens one while simulating its day); the table follows the latest.
  const started = lab.incidents.filter((i) => i.day < lab.day).sort((a, b) => a.day - b.day);
  const target = started.at(-1);
  const lived = (r: TeamResponse | undefined) =>
    target ? r?.incidents.find((i) => i.day === target.day && i.shift.kind === target.kind && i.shift.feature === target.feature && i.shift.amount === target.amount) : undefined;

  if (!scenario) return <p className="presenter-title">The lab has not been opened for this room yet.</p>;
  return (
    <div data-testid="lab-comparison" className="chart-large">
      <h2 className="presenter-title" style={{ fontSize: '2.6vw', marginBottom: 4 }}>
        Every team’s response · day {lab.day}
      </h2>
      <p className="poll-results-large" style={{ marginTop: 0 }}>
        {target ? `Incident: ${describeIncident(target, scenario)} (day ${target.day})` : `${scenario.title}: no incident yet.`}
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <table className="chart-table" style={{ fontSize: '1.5rem', width: '100%' }}>
        <caption className="visually-hidden">Each team’s response to the latest incident</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Maturity</th>
            <th scope="col">Detected</th>
            <th scope="col">Recovered</th>
            <th scope="col">Extra cost</th>
          </tr>
        </thead>
        <tbody>
          {teamList.map((t) => {
            const r = teams.find((x) => x.teamId === t.id);
            const inc = lived(r);
            return (
              <tr key={t.id} data-testid={`lab-team-${t.id}`}>
                <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                  {t.name}
                </th>
                <td>{r ? `level ${r.level}${r.champion === null ? ', no model in production' : ''}` : 'replaying…'}</td>
                <td>{r ? detection(inc) : '…'}</td>
                <td>{r ? recovery(inc) : '…'}</td>
                <td>{inc ? money.format(Math.max(0, inc.extraCost)) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <CostChart teams={teams} name={name} incidentDays={started.map((i) => i.day)} currency={scenario.costs.currency} rowNoun={scenario.rowNoun} />
    </div>
  );
}

function CostChart({ teams, name, incidentDays, currency, rowNoun }: { teams: TeamResponse[]; name: (id: string) => string; incidentDays: number[]; currency: string; rowNoun: string }) {
  const days = Math.max(0, ...teams.map((t) => t.costPer1000.length));
  const data = Array.from({ length: days }, (_, day) => {
    const row: Record<string, number> = { day };
    for (const t of teams) {
      const v = t.costPer1000[day];
      if (v !== undefined) row[t.teamId] = v;
    }
    return row;
  });
  if (!days) return null;
  const font = { fontSize: 20, fill: 'var(--text)' };
  return (
    <figure role="group" aria-label={`Cost per 1,000 rows (${rowNoun}), day by day, per team`} style={{ margin: '12px 0 0' }}>
      <div aria-hidden="true" style={{ width: '100%', height: 360 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 10, right: 30, bottom: 30, left: 30 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--border)" />
            <XAxis dataKey="day" tick={font} stroke="var(--text)" label={{ value: 'Simulated day', position: 'insideBottom', offset: -18, ...font }} />
            <YAxis tick={font} stroke="var(--text)" label={{ value: `${currency} per 1,000`, angle: -90, position: 'insideLeft', offset: -10, ...font }} />
            <Tooltip />
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 20 }} />
            {incidentDays.map((d) => (
              <ReferenceLine key={d} x={d} stroke="var(--danger)" strokeWidth={3} label={{ value: 'incident', position: 'insideTopRight', ...font, fill: 'var(--danger)' }} />
            ))}
            {teams.map((t, i) => {
              const style = LINE_STYLES[i % LINE_STYLES.length]!;
              return <Line key={t.teamId} dataKey={t.teamId} name={name(t.teamId)} stroke={style.stroke} strokeDasharray={style.dash} strokeWidth={4} dot={false} isAnimationActive={false} />;
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted" style={{ fontSize: '1.1rem' }}>
        Business cost per 1,000 rows each day (a row: one {rowNoun}; hindsight truth), one line per team; the red line marks the incident.
      </figcaption>
    </figure>
  );
}
