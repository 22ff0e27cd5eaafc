/**
 * Hooks and writers for the live session: the session state and polls (from the session document), the clock
 * ticking, and the facilitator's writes (the host refuses them from anyone else).
 */
import { useEffect, useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import type { SessionPollState, SessionState } from '../../../shared/room/sessionState';
import type { Tally } from '../../../shared/room/pollTally';
import { useYMapJson } from '../sync/RoomProvider';

/**
 * The time now, ticking every `intervalMs`: the host's time as this device estimates it (shared/sync/clockOffset.ts)
 * when a room client is given, so a device whose clock is off still shows the room's countdown; this device's
 * clock otherwise. Every time in the session document (clock, pending phase change, messages) is host time.
 */
export function useNow(intervalMs = 1000, client: RoomClient | null = null): number {
  const [now, setNow] = useState(() => timeNow(client));
  useEffect(() => {
    const tick = () => setNow(timeNow(client));
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, client]);
  return now;
}

function timeNow(client: RoomClient | null): number {
  return client ? client.hostNow() : Date.now();
}

export function useSessionState(client: RoomClient | null): SessionState {
  return useYMapJson<SessionState>(client, 'session', 'state') ?? {};
}

export function useSessionPolls(client: RoomClient | null): Record<string, SessionPollState> {
  return useYMapJson<Record<string, SessionPollState>>(client, 'session', 'polls') ?? {};
}

/** A poll's tally; pass null to not subscribe (learners may read it only once revealed). */
export function useTally(client: RoomClient | null, pollId: string | null): Tally | null {
  const json = useYMapJson<{ result?: Tally }>(pollId ? client : null, `poll/${pollId ?? 'none'}/tally`, 'tally');
  return json?.result ?? null;
}

export function writeState(client: RoomClient, patch: Partial<SessionState>): void {
  const doc = client.doc('session');
  const state = doc.getMap('state');
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) state.set(key, value === undefined ? null : value);
  });
}

export function writePoll(client: RoomClient, pollId: string, poll: SessionPollState): void {
  client.doc('session').getMap('polls').set(pollId, poll);
}

let counter = 0;
export function commandId(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
