/**
 * The lab in a room, as React state: the room's lab (session document, facilitator-written: scenario, seed, day,
 * clock, incidents) and each team's stamped lab actions (`team/<id>/lab`, a Y.Array 'entries' of `{ at, action }`
 * appended by every teammate). Light on purpose (no engine, no charts): the console imports it directly.
 */
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { MAX_TEAM_ENTRIES } from '../../../shared/lab/roomTimeline';
import { parseRoomLab, type RoomLab } from '../../../shared/room/roomLab';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useSessionState, writeState } from './liveState';

export const teamLabDoc = (teamId: string) => `team/${teamId}/lab`;

export function useRoomLab(client: RoomClient | null): RoomLab {
  const raw = useSessionState(client).lab;
  const json = JSON.stringify(raw ?? null);
  return useMemo(() => parseRoomLab(JSON.parse(json)), [json]);
}

export function writeRoomLab(client: RoomClient, lab: RoomLab): void {
  writeState(client, { lab });
}

function entriesOf(client: RoomClient, teamId: string): Y.Array<unknown> {
  return client.doc(teamLabDoc(teamId)).getArray<unknown>('entries');
}

/** The stamped actions of each team (JSON), re-rendered when any of them changes. */
export function useTeamLabEntries(client: RoomClient | null, teamIds: readonly string[]): Record<string, unknown[]> {
  const key = teamIds.join('\n');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!client || !key) return;
    const arrays = key.split('\n').map((id) => entriesOf(client, id));
    const bump = () => setVersion((v) => v + 1);
    for (const a of arrays) a.observe(bump);
    bump();
    return () => {
      for (const a of arrays) a.unobserve(bump);
    };
  }, [client, key]);
  return useMemo(() => {
    const out: Record<string, unknown[]> = {};
    if (!client || !key) return out;
    for (const id of key.split('\n')) out[id] = entriesOf(client, id).toJSON();
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the change signal of the Y.Arrays
  }, [client, key, version]);
}

/**
 * Appends one decision to the team's lab, stamped with the room day the learner saw (and the lab's run). Returns an error sentence
 * when the lab is full (the timeline replays at most MAX_TEAM_ENTRIES decisions).
 */
export function appendTeamLabEntry(client: RoomClient, teamId: string, stamp: { at: number; run: number }, action: unknown): string | null {
  const entries = entriesOf(client, teamId);
  if (entries.length >= MAX_TEAM_ENTRIES) return `Your team's lab holds at most ${MAX_TEAM_ENTRIES} decisions; ask the facilitator to start a new lab.`;
  entries.push([{ at: stamp.at, run: stamp.run, action }]);
  return null;
}
