/**
 * Hooks and writers for the live session: the session state and polls (from the session document), the clock
 * ticking, and the facilitator's writes (the host refuses them from anyone else).
 */
import { useEffect, useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import type { SessionPollState, SessionState } from '../../../shared/room/sessionState';
import type { PollDefinition, Tally } from '../../../shared/room/pollTally';
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

/**
 * A poll's tally, with a quiz's answer key (`answerKey`: the host keeps it there, so it reaches learners with the
 * results); pass null to not subscribe (learners may read it only once revealed).
 */
export function useTally(client: RoomClient | null, pollId: string | null): (Tally & { answerKey?: string[] }) | null {
  const json = useYMapJson<{ result?: Tally; answer?: string[] }>(pollId ? client : null, `poll/${pollId ?? 'none'}/tally`, 'tally');
  if (!json?.result) return null;
  return Array.isArray(json.answer) ? { ...json.result, answerKey: json.answer } : json.result;
}

/**
 * Opens a poll from the bank: its definition goes into the session (everyone reads it) without a quiz's answers,
 * which go to `poll/<id>/key` (the facilitator only); the host puts them in the tally, shown when revealed.
 */
export function openBankPoll(client: RoomClient, def: PollDefinition): void {
  const { correct, ...shown } = def;
  if (correct) client.doc(`poll/${def.id}/key`).getMap('key').set('correct', correct);
  writePoll(client, def.id, {
    def: { ...shown, ...(def.kind === 'quiz' && (correct?.length ?? 0) > 1 ? { multi: true } : {}) },
    status: 'open',
    revealed: false,
    anonymous: true,
    openedAt: Date.now(),
  });
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
