/**
 * The roster document, written by the host only and read by everyone: one Y.Map per participant (name, online,
 * hand, joinedAt) under `participants`, and the facilitator's presence under `facilitator`. A learner's background
 * (profile) is not in it: it goes to the `backgrounds` document (map `profiles`: learner id → profile), which only
 * the facilitator reads.
 */
import * as Y from 'yjs';

export type RosterFields = Record<string, string | boolean | null>;

export function setParticipant(roster: Y.Doc, backgrounds: Y.Doc, learnerId: string, given: RosterFields, origin: unknown): void {
  const { profile, ...fields } = given;
  if (profile !== undefined && backgrounds.getMap('profiles').get(learnerId) !== profile) backgrounds.transact(() => backgrounds.getMap('profiles').set(learnerId, profile), origin);
  const participants = roster.getMap<Y.Map<unknown>>('participants');
  roster.transact(() => {
    let entry = participants.get(learnerId);
    if (!entry) {
      entry = new Y.Map<unknown>();
      participants.set(learnerId, entry);
      entry.set('joinedAt', new Date().toISOString());
    }
    for (const [key, value] of Object.entries(fields)) if (entry.get(key) !== value) entry.set(key, value);
  }, origin);
}

export function setFacilitatorOnline(roster: Y.Doc, online: boolean, origin: unknown): void {
  const facilitator = roster.getMap('facilitator');
  if (facilitator.get('online') !== online) roster.transact(() => facilitator.set('online', online), origin);
}

/**
 * After a restart nobody is connected yet: everyone is offline until they reconnect. (Rosters written before
 * backgrounds moved out of it lose their `profile` fields here.)
 */
export function markEveryoneOffline(roster: Y.Doc, origin: unknown): void {
  const participants = roster.getMap<Y.Map<unknown>>('participants');
  roster.transact(() => {
    for (const entry of participants.values()) if (entry instanceof Y.Map && entry.get('online')) entry.set('online', false);
    for (const entry of participants.values()) if (entry instanceof Y.Map && entry.has('profile')) entry.delete('profile');
    setFacilitatorOnline(roster, false, origin);
  }, origin);
}
