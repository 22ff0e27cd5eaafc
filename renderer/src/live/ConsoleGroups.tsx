/**
 * Groups and roles, from the console: form groups (mixed by background, or random) of a chosen size from who is
 * online, move people between groups, assign roles from the content, share a team's work with the room.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { formGroups, type Group, type GroupMode } from '../../../shared/room/groups';
import { useContent } from '../content/ContentProvider';
import type { Participant } from '../room/RoomPage';
import { useYMapJson } from '../sync/RoomProvider';
import { TeamStrategy, useFilledSections } from '../team/TeamStrategy';
import { LazyTeamBoard } from '../team/loadTeamBoard';
import { Disclosure } from '../ui/Disclosure';
import { useSessionState, writeState } from './liveState';

export function useGroups(client: RoomClient | null): Record<string, Group> {
  return useYMapJson<Record<string, Group>>(client, 'session', 'groups') ?? {};
}

/** The cases teams may take in Elaborate. */
function CaseSelect({ label, none, value, onChange }: { label: string; none: string; value: string; onChange: (id: string) => void }) {
  const { pack } = useContent();
  return (
    <label className="form-row" style={{ margin: 0 }}>
      <span>{label}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {pack.cases
          .filter((c) => c.elaborateChoice)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
      </select>
    </label>
  );
}

export function ConsoleGroups({ client, participants }: { client: RoomClient; participants: Record<string, Participant> }) {
  const { pack } = useContent();
  const groups = useGroups(client);
  const state = useSessionState(client);
  const [size, setSize] = useState(4);
  const [mode, setMode] = useState<GroupMode>('mixed');
  const name = (id: string) => participants[id]?.name ?? 'Guest';
  const write = (next: Group[]) => {
    const map = client.doc('session').getMap('groups');
    client.doc('session').transact(() => {
      for (const key of [...map.keys()]) if (!next.some((g) => g.id === key)) map.delete(key);
      for (const g of next) map.set(g.id, g);
    });
  };
  const form = () => {
    const people = Object.entries(participants)
      .filter(([, p]) => p.online)
      .map(([id, p]) => ({ id, profile: p.profile ?? null }));
    write(formGroups(people, size, mode, Date.now() % 100_000));
  };
  const list = Object.values(groups).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  const move = (member: string, to: string) =>
    write(
      list.map((g) => ({
        ...g,
        members: g.id === to ? [...g.members.filter((m) => m !== member), member] : g.members.filter((m) => m !== member),
      })),
    );
  const setRole = (group: Group, member: string, role: string) => {
    const roles = { ...group.roles };
    if (role) roles[member] = role;
    else delete roles[member];
    write(list.map((g) => (g.id === group.id ? { ...g, roles } : g)));
  };
  return (
    <div className="stack">
      <div className="card" style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}>
        <label className="form-row" style={{ margin: 0 }}>
          <span>Group size</span>
          <input className="input" type="number" min={2} max={12} value={size} onChange={(e) => setSize(Math.max(2, Math.min(12, Number(e.target.value) || 4)))} style={{ width: 90 }} />
        </label>
        <label className="form-row" style={{ margin: 0 }}>
          <span>Groups</span>
          <select className="input" value={mode} onChange={(e) => setMode(e.target.value as GroupMode)}>
            <option value="mixed">Mixed by background</option>
            <option value="random">Random</option>
          </select>
        </label>
        <button type="button" className="btn btn-primary" onClick={form}>
          {list.length ? 'Re-form groups' : 'Form groups'}
        </button>
        <CaseSelect label="Elaborate case for every team" none="Not chosen" value={state.elaborateCase ?? ''} onChange={(id) => writeState(client, { elaborateCase: id || null })} />
      </div>
      {list.length === 0 ? <p className="empty">No groups yet: they are formed from the people online.</p> : null}
      <div className="grid">
        {list.map((g) => (
          <div key={g.id} className="card" data-testid={`group-${g.id}`}>
            <h3>
              {g.name} <span className="muted">({g.members.length})</span>
            </h3>
            <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
              {g.members.map((m) => (
                <li key={m} style={{ display: 'grid', gap: 4, marginBottom: 8 }}>
                  <strong>{name(m)}</strong>
                  <span style={{ display: 'flex', gap: 6 }}>
                    <select className="input" aria-label={`Role of ${name(m)}`} value={g.roles[m] ?? ''} onChange={(e) => setRole(g, m, e.target.value)}>
                      <option value="">No role</option>
                      {pack.roles.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                    <select className="input" aria-label={`Move ${name(m)} to`} value={g.id} onChange={(e) => move(m, e.target.value)}>
                      {list.map((other) => (
                        <option key={other.id} value={other.id}>
                          {other.name}
                        </option>
                      ))}
                    </select>
                  </span>
                </li>
              ))}
            </ul>
            <GroupProgress client={client} teamId={g.id} />
            <CaseSelect label={`Case for ${g.name}`} none="Same as everyone" value={g.caseId ?? ''} onChange={(id) => write(list.map((x) => (x.id === g.id ? { ...x, caseId: id || undefined } : x)))} />
            <button type="button" className={`btn ${g.shared ? 'btn-primary' : ''}`} aria-pressed={!!g.shared} onClick={() => write(list.map((x) => (x.id === g.id ? { ...x, shared: !x.shared } : x)))}>
              {g.shared ? 'Shared with the room' : 'Share with the room'}
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

const CollaborativeEditor = lazy(() => import('../team/CollaborativeEditor'));

/** The facilitator's glance at a team's strategy: how many template sections it has started. */
function GroupProgress({ client, teamId }: { client: RoomClient; teamId: string }) {
  const { pack } = useContent();
  const ids = useMemo(() => pack.templates[0]?.sections.map((s) => s.id) ?? [], [pack]);
  const filled = useFilledSections(client, `team/${teamId}/strategy`, ids);
  return (
    <p className="muted" data-testid={`progress-${teamId}`}>
      Strategy: {filled.length} of {ids.length} sections started
    </p>
  );
}

/** The learner's own group, role and teammates, and the group's shared notes. */
export function MyGroup({ client, participants }: { client: RoomClient; participants: Record<string, Participant> }) {
  const { pack } = useContent();
  const groups = useGroups(client);
  const state = useSessionState(client);
  const me = client.welcome?.learnerId;
  const group = Object.values(groups).find((g) => me && g.members.includes(me));
  if (!group || !me) return null;
  const role = pack.roles.find((r) => r.id === group.roles[me]);
  const caseForAll = state.elaborateCase;
  return (
    <div className="card section" data-testid="my-group">
      <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>Your group: {group.name}</h2>
      <p>
        With {group.members.filter((m) => m !== me).map((m) => participants[m]?.name ?? 'Guest').join(', ') || 'nobody yet'}
      </p>
      {role ? (
        <p>
          Your role: <strong>{role.name}</strong> — <Link to={`/kit/roles#${role.id}`}>what it involves</Link>
        </p>
      ) : null}
      <h3>Group notes</h3>
      <p className="muted">
        Shared with your group and the facilitator. For Explore, compare DevOps and MLOps along the{' '}
        {pack.worksheets[0] ? <Link to={`/kit/worksheets/${pack.worksheets[0].id}`}>worksheet&apos;s dimensions</Link> : 'worksheet'}.
      </p>
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <CollaborativeEditor client={client} docName={`team/${group.id}/notes`} field="notes" label={`${group.name} notes`} userName={participants[me]?.name ?? 'Me'} readOnly={client.status === 'ended'} />
      </Suspense>
      <Disclosure className="section" summary={<strong>Our board</strong>}>
        <Suspense fallback={<p className="muted">Loading the whiteboard…</p>}>
          <LazyTeamBoard client={client} docName={`team/${group.id}/board`} readOnly={client.status === 'ended'} userName={participants[me]?.name ?? 'Me'} />
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
        <TeamStrategy client={client} teamId={group.id} caseId={group.caseId ?? caseForAll ?? null} userName={participants[me]?.name ?? 'Me'} readOnly={client.status === 'ended'} />
      </Disclosure>
    </div>
  );
}
