/**
 * The learner's side of groups: choosing a group when the facilitator lets learners choose, and their own group —
 * teammates and roles (picked by the team unless the facilitator assigned one), the group's notes (starting as the
 * Explore worksheet), its board and its strategy.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { teamOf } from '../../../shared/room/groups';
import { worksheetSeedUpdate } from '../../../shared/room/worksheetSeed';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import type { Participant } from '../room/RoomPage';
import { TeamMlTestScore } from '../team/TeamMlTestScore';
import { TeamStrategy } from '../team/TeamStrategy';
import { LazyTeamBoard } from '../team/loadTeamBoard';
import { Disclosure } from '../ui/Disclosure';
import { roleOf, useGroups, useTeamRoles } from './groupState';
import { commandId, useSessionState } from './liveState';

const CollaborativeEditor = lazy(() => import('../team/CollaborativeEditor'));
/** The team's MLOps lab (engine, worker, charts): loaded only when a learner opens it. */
const RoomTeamLab = lazy(() => import('../lab/RoomTeamLab'));

/** "Learners choose": the open groups, who is in each, and a button to join one (the host decides, first come first served). */
export function ChooseGroup({ client, participants }: { client: RoomClient; participants: Record<string, Participant> }) {
  const groups = useGroups(client);
  const [error, setError] = useState<string | null>(null);
  const sent = useRef<string | null>(null);
  useEffect(
    () =>
      client.on('error', (e) => {
        if (e.id && e.id === sent.current) setError(e.message);
      }),
    [client],
  );
  const me = client.welcome?.learnerId;
  const open = Object.values(groups)
    .filter((g) => g.open)
    .sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  const mine = me ? teamOf(groups, me) : null;
  if (!me || open.length === 0 || (mine && !groups[mine]?.open) || client.readOnly) return null;
  const join = (teamId: string) => {
    setError(null);
    sent.current = commandId('group');
    client.command(sent.current, { cmd: 'choose-group', teamId });
  };
  return (
    <div className="card section" data-testid="choose-group">
      <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>Choose your group</h2>
      <p className="muted">
        You can change until the facilitator closes the groups; then anyone who has not chosen joins the smallest group.
      </p>
      <ul className="list" style={{ paddingLeft: 0, listStyle: 'none', display: 'grid', gap: 8 }}>
        {open.map((g) => {
          const full = g.capacity !== undefined && g.members.length >= g.capacity;
          return (
            <li key={g.id} style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
              <strong style={{ minWidth: 80 }}>{g.name}</strong>
              <span className="muted" style={{ flex: 1 }}>
                {g.members.length}/{g.capacity ?? '∞'}{' '}
                {g.members.length ? `— ${g.members.map((m) => participants[m]?.name ?? 'Guest').join(', ')}` : ''}
              </span>
              {mine === g.id ? (
                <span className="tag">You are here</span>
              ) : (
                <button type="button" className="btn" disabled={full} onClick={() => join(g.id)} aria-label={`Join ${g.name}`}>
                  {full ? 'Full' : 'Join'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error ? (
        <p role="alert" style={{ color: 'var(--danger)' }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The learner's own group, role and teammates, and the group's shared notes. */
export function MyGroup({ client, participants }: { client: RoomClient; participants: Record<string, Participant> }) {
  const { pack } = useContent();
  const groups = useGroups(client);
  const state = useSessionState(client);
  const me = client.welcome?.learnerId;
  const group = Object.values(groups).find((g) => me && g.members.includes(me));
  const seed = useMemo(() => (pack.worksheets[0] ? worksheetSeedUpdate(pack.worksheets[0], 'notes') : undefined), [pack]);
  const picked = useTeamRoles(client, group?.id ?? null);
  if (!group || !me) return null;
  const mine = roleOf(group, picked, me);
  const role = pack.roles.find((r) => r.id === mine?.id);
  const roleName = (m: string) => pack.roles.find((r) => r.id === roleOf(group, picked, m)?.id)?.name;
  const caseForAll = state.elaborateCase;
  const worksheet = pack.worksheets[0];
  const pick = (roleId: string) => {
    const map = client.doc(`team/${group.id}/roles`).getMap('roles');
    if (roleId) map.set(me, roleId);
    else map.delete(me);
  };
  const teammates = group.members.filter((m) => m !== me);
  return (
    <div className="card section" data-testid="my-group">
      <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>Your group: {group.name}</h2>
      <p data-testid="teammates">
        With{' '}
        {teammates.length
          ? teammates.map((m, i) => (
              <span key={m}>
                {i > 0 ? ', ' : ''}
                {participants[m]?.name ?? 'Guest'}
                {roleName(m) ? <span className="muted"> ({roleName(m)})</span> : null}
              </span>
            ))
          : 'nobody yet'}
      </p>
      {role ? (
        <p data-testid="my-role">
          Your role: <strong>{role.name}</strong>
          {mine?.by === 'team' ? ' (your pick)' : ' (from the facilitator)'} — <Link to={`/kit/roles#${role.id}`}>what it involves</Link>
        </p>
      ) : null}
      {mine?.by !== 'facilitator' && pack.roles.length > 0 && !client.readOnly ? (
        <label className="form-row" style={{ maxWidth: 360 }}>
          <span>{role ? 'Change your role' : 'Pick your role (agree it with your team)'}</span>
          <select className="input" value={picked[me] ?? ''} onChange={(e) => pick(e.target.value)}>
            <option value="">No role yet</option>
            {pack.roles.map((r) => {
              const takenBy = group.members.find((m) => m !== me && roleOf(group, picked, m)?.id === r.id);
              return (
                <option key={r.id} value={r.id}>
                  {r.name}
                  {takenBy ? ` — taken by ${participants[takenBy]?.name ?? 'a teammate'}` : ''}
                </option>
              );
            })}
          </select>
        </label>
      ) : null}
      <h3>Group notes</h3>
      <p className="muted">
        Shared with your group and the facilitator. They start as the Explore{' '}
        {worksheet ? <Link to={`/kit/worksheets/${worksheet.id}`}>comparison worksheet</Link> : 'worksheet'}: fill in each dimension
        together.
      </p>
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <CollaborativeEditor
          client={client}
          docName={`team/${group.id}/notes`}
          field="notes"
          label={`${group.name} notes`}
          userName={participants[me]?.name ?? 'Me'}
          readOnly={client.readOnly}
          seed={seed}
        />
      </Suspense>
      <Disclosure className="section" summary={<strong>Our board</strong>}>
        <Suspense fallback={<p className="muted">Loading the whiteboard…</p>}>
          <LazyTeamBoard
            client={client}
            docName={`team/${group.id}/board`}
            label={`${group.name}'s board`}
            readOnly={client.readOnly}
            userName={participants[me]?.name ?? 'Me'}
          />
        </Suspense>
      </Disclosure>
      <Disclosure
        className="section"
        summary={
          <>
            <strong>Our MLOps strategy</strong> (Elaborate)
          </>
        }
      >
        <TeamStrategy
          client={client}
          teamId={group.id}
          caseId={group.caseId ?? caseForAll ?? null}
          userName={participants[me]?.name ?? 'Me'}
          readOnly={client.readOnly}
        />
      </Disclosure>
      {/* The facilitator opened the lab for the room (read without the lab's code: the session's raw entry). */}
      {typeof (state.lab as { scenarioId?: unknown } | null | undefined)?.scenarioId === 'string' ? (
        <Disclosure className="section" summary={<strong>Our MLOps lab</strong>}>
          <Suspense fallback={<p className="muted">Loading the lab…</p>}>
            <RoomTeamLab client={client} teamId={group.id} />
          </Suspense>
        </Disclosure>
      ) : null}
      <Disclosure className="section" summary={<strong>Our ML Test Score</strong>}>
        <TeamMlTestScore client={client} teamId={group.id} readOnly={client.readOnly} />
      </Disclosure>
    </div>
  );
}
