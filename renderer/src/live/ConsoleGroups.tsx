/**
 * Groups and roles, from the console: form groups of a chosen size from who is online (mixed by background,
 * random, or chosen by learners), drag people between groups (late joiners too), assign roles from the content or
 * see the team's picks, choose cases, share a team's work with the room. The learner's side is MyGroup.tsx.
 * Every change is a command to the host, which owns the groups (one writer: a learner's choice made at the same
 * moment is never overwritten by a stale copy of the groups from this console).
 */
import { useMemo, useState } from 'react';
import type { Command } from '../../../shared/protocol/protocol';
import type { RoomClient } from '../../../shared/sync/roomClient';
import type { Group, GroupMode } from '../../../shared/room/groups';
import { useContent } from '../content/ContentProvider';
import type { Participant } from '../room/RoomPage';
import { useFilledSections } from '../team/TeamStrategy';
import { roleOf, useGroups, useTeamRoles } from './groupState';
import { commandId, useSessionState, writeState } from './liveState';

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
  const groups = useGroups(client);
  const state = useSessionState(client);
  const [size, setSize] = useState(4);
  const [mode, setMode] = useState<GroupMode>('mixed');
  const [confirming, setConfirming] = useState(false);
  const name = (id: string) => participants[id]?.name ?? 'Guest';
  const send = (command: Command) => client.command(commandId('groups'), command);
  const form = () => {
    // The host forms them from the learners online now, with their backgrounds (which only it and this console know).
    send({ cmd: 'form-groups', mode, size, seed: Date.now() % 100_000 });
    setConfirming(false);
  };
  const list = Object.values(groups).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  const placed = new Set(list.flatMap((g) => g.members));
  // Late joiners (and anyone groups were formed without): listed so they can be dragged into a group.
  const unplaced = list.length
    ? Object.entries(participants)
        .filter(([id, p]) => p.online && !placed.has(id))
        .map(([id]) => id)
    : [];
  const move = (member: string, to: string) => send({ cmd: 'move-learner', learnerId: member, teamId: to });
  const { pack } = useContent();
  /** The host deals the lesson's roles to the members (of one team, or every team) without one: `give-roles`. */
  const giveRoles = (teamId: string | null) => send({ cmd: 'give-roles', teamId, roles: pack.roles.map((r) => r.id) });
  return (
    <div className="stack">
      <div className="card" style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}>
        <label className="form-row" style={{ margin: 0 }}>
          <span>Group size</span>
          <input className="input" type="number" min={2} max={12} value={size} onChange={(e) => setSize(Math.max(2, Math.min(12, Number(e.target.value) || 4)))} style={{ width: 90 }} />
        </label>
        <label className="form-row" style={{ margin: 0 }}>
          <span>Groups</span>
          <select className="input" aria-label="Groups" value={mode} onChange={(e) => setMode(e.target.value as GroupMode)}>
            <option value="mixed">Mixed by background</option>
            <option value="random">Random</option>
            <option value="choose">Learners choose</option>
          </select>
        </label>
        {list.length === 0 ? (
          <button type="button" className="btn btn-primary" onClick={form}>
            Form groups
          </button>
        ) : confirming ? (
          <span role="group" aria-label="Confirm re-forming" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
            <span>People move; each team&apos;s notes, board and strategy stay with its team number.</span>
            <button type="button" className="btn btn-primary" onClick={form}>
              Re-form now
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="btn" onClick={() => setConfirming(true)}>
            Re-form groups…
          </button>
        )}
        {list.some((g) => g.open) ? (
          <button
            type="button"
            className="btn"
            title="Locks the groups; whoever has not chosen joins the smallest group"
            onClick={() => send({ cmd: 'close-choosing' })}
          >
            Close choosing ({list.reduce((n, g) => n + g.members.length, 0)} chose)
          </button>
        ) : null}
        {list.length && pack.roles.length ? (
          <button type="button" className="btn" title="Each member without a role gets one of the lesson's roles, in turn" onClick={() => giveRoles(null)}>
            Give roles from the lesson to every team
          </button>
        ) : null}
        <CaseSelect label="Elaborate case for every team" none="Not chosen" value={state.elaborateCase ?? ''} onChange={(id) => writeState(client, { elaborateCase: id || null })} />
      </div>
      {list.length === 0 ? <p className="empty">No groups yet: they are formed from the people online.</p> : null}
      <div className="grid">
        {list.map((g) => (
          <GroupCard key={g.id} client={client} group={g} groups={list} name={name} send={send} move={move} giveRoles={giveRoles} />
        ))}
        {unplaced.length ? (
          <div className="card" data-testid="group-none">
            <h3>
              Not in a group <span className="muted">({unplaced.length})</span>
            </h3>
            <p className="muted">Joined after the groups were formed: drag them onto a group.</p>
            <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
              {unplaced.map((m) => (
                <li key={m} className="group-member" draggable onDragStart={(e) => startDrag(e, m)} title={`Drag ${name(m)} onto a group`}>
                  <strong>
                    <span aria-hidden="true" className="drag-handle">
                      ⠿
                    </span>{' '}
                    {name(m)}
                  </strong>
                  <GroupSelect label={`Add ${name(m)} to`} value="" placeholder="Add to a group…" groups={list} onChange={(to) => to && move(m, to)} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}

const DRAG_TYPE = 'application/x-workshop-learner';

/** The keyboard way to move someone: a list of the groups. */
function GroupSelect({ label, value, placeholder, groups, onChange }: { label: string; value: string; placeholder?: string; groups: Group[]; onChange: (teamId: string) => void }) {
  return (
    <select className="input" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {placeholder ? <option value="">{placeholder}</option> : null}
      {groups.map((g) => (
        <option key={g.id} value={g.id}>
          {g.name}
        </option>
      ))}
    </select>
  );
}

function startDrag(e: React.DragEvent, member: string) {
  e.dataTransfer.setData(DRAG_TYPE, member);
  e.dataTransfer.effectAllowed = 'move';
}

/**
 * One group in the console: members with their roles (assigned here, or picked by the team), drag a member onto
 * another group to move them (or use the "Move to" list, the keyboard way), the team's case, sharing.
 */
function GroupCard({ client, group: g, groups: list, name, send, move, giveRoles }: { client: RoomClient; group: Group; groups: Group[]; name: (id: string) => string; send: (command: Command) => void; move: (member: string, to: string) => void; giveRoles: (teamId: string) => void }) {
  const { pack } = useContent();
  const picked = useTeamRoles(client, g.id);
  const [dropping, setDropping] = useState(false);
  const setRole = (member: string, role: string) => send({ cmd: 'set-role', teamId: g.id, learnerId: member, role: role || null });
  const roleName = (id: string | undefined) => pack.roles.find((r) => r.id === id)?.name;
  return (
    <div
      className={`card group-card${dropping ? ' drop-target' : ''}`}
      data-testid={`group-${g.id}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDropping(false);
        const member = e.dataTransfer.getData(DRAG_TYPE);
        if (member && !g.members.includes(member)) move(member, g.id);
      }}
    >
      <h3>
        {g.name} <span className="muted">({g.members.length})</span>
      </h3>
      <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
        {g.members.map((m) => (
          <li
            key={m}
            className="group-member"
            draggable
            data-testid={`member-${m}`}
            title={`Drag ${name(m)} onto another group to move them`}
            onDragStart={(e) => startDrag(e, m)}
          >
            <strong>
              <span aria-hidden="true" className="drag-handle">
                ⠿
              </span>{' '}
              {name(m)}
            </strong>
            {/* The role in words, whoever gave it (the team's own pick too, even for someone alone in their group). */}
            {roleOf(g, picked, m) ? (
              <span className="tag role-tag" data-testid={`role-of-${m}`}>
                {roleName(roleOf(g, picked, m)!.id) ?? roleOf(g, picked, m)!.id}
                {roleOf(g, picked, m)!.by === 'team' ? ' (their pick)' : ''}
              </span>
            ) : null}
            <span className="member-controls">
              <select className="input" aria-label={`Role of ${name(m)}`} value={g.roles[m] ?? ''} onChange={(e) => setRole(m, e.target.value)}>
                <option value="">{picked[m] && roleName(picked[m]) ? `Their pick: ${roleName(picked[m])}` : 'No role (team picks)'}</option>
                {pack.roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
              <GroupSelect label={`Move ${name(m)} to`} value={g.id} groups={list} onChange={(to) => move(m, to)} />
            </span>
          </li>
        ))}
      </ul>
      {g.members.length === 0 ? <p className="muted">Drop people here.</p> : null}
      {g.members.length && pack.roles.length && g.members.some((m) => !roleOf(g, picked, m)) ? (
        <button type="button" className="btn" aria-label={`Give roles from the lesson to ${g.name}`} onClick={() => giveRoles(g.id)}>
          Give roles from the lesson
        </button>
      ) : null}
      <GroupProgress client={client} teamId={g.id} />
      <CaseSelect label={`Case for ${g.name}`} none="Same as everyone" value={g.caseId ?? ''} onChange={(id) => send({ cmd: 'update-group', teamId: g.id, caseId: id || null })} />
      <button type="button" className={`btn ${g.shared ? 'btn-primary' : ''}`} aria-pressed={!!g.shared} onClick={() => send({ cmd: 'update-group', teamId: g.id, shared: !g.shared })}>
        {g.shared ? 'Shared with the room' : 'Share with the room'}
      </button>
    </div>
  );
}

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
