/**
 * Q&A as a learner sees it, without the room telling who did what. The host publishes counts only (authors and
 * upvoters stay host-side), so "my question" and "I upvoted this" are this device's own memory: the commands it sent,
 * kept in localStorage per room and learner. Chosen over a per-learner host-written document because it needs no new
 * document per learner (the room's document budget) and tells the host nothing more; the cost is that a learner who
 * moves to another device starts with no flags there (upvoting again is harmless: the host counts each learner once).
 */
import { useCallback, useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import type { QaQuestion } from './ConsolePolls';

/** The upvote count (rooms saved before counts replaced upvoter lists still show theirs). */
export function questionVotes(q: QaQuestion): number {
  if (typeof q.votes === 'number') return q.votes;
  const legacy = (q as { voters?: unknown }).voters;
  return Array.isArray(legacy) ? legacy.length : 0;
}

function key(client: RoomClient, what: 'asked' | 'upvoted'): string {
  return `workshop-kit:qa:${client.room}:${client.welcome?.learnerId ?? 'anonymous'}:${what}`;
}

function load(client: RoomClient, what: 'asked' | 'upvoted'): Set<string> {
  try {
    const raw = JSON.parse(localStorage.getItem(key(client, what)) ?? '[]') as unknown;
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

function save(client: RoomClient, what: 'asked' | 'upvoted', ids: Set<string>): void {
  try {
    localStorage.setItem(key(client, what), JSON.stringify([...ids].slice(-500)));
  } catch {
    // A full or disabled storage only loses the highlight, never the vote (the host has it).
  }
}

export function rememberAsked(client: RoomClient, questionId: string): void {
  const asked = load(client, 'asked');
  asked.add(questionId);
  save(client, 'asked', asked);
}

/** The questions this device upvoted, and a setter that remembers them. */
export function useUpvoted(client: RoomClient): [Set<string>, (questionId: string, up: boolean) => void] {
  const [upvoted, setUpvoted] = useState(() => load(client, 'upvoted'));
  const set = useCallback(
    (questionId: string, up: boolean) => {
      setUpvoted((before) => {
        const next = new Set(before);
        if (up) next.add(questionId);
        else next.delete(questionId);
        save(client, 'upvoted', next);
        return next;
      });
    },
    [client],
  );
  return [upvoted, set];
}
