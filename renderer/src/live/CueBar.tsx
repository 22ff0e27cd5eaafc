/**
 * Owns: the cues pinned in view on every learner screen (room page and kit pages alike): the phase change
 * countdown (and its undo), the facilitator's message until it expires, reconnecting/offline, and "eyes on the
 * front". Fixed to the bottom of the viewport, so a learner scrolled deep into the notes, the board or the Q&A still
 * sees them. Two live regions mounted from the start (a region added together with its text is not announced):
 * polite for everything, assertive only for "eyes on the front". Also the optional sound/vibration toggle.
 */
import { CloudOff, EyeOff, Megaphone, MoveRight, Undo2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { cueKeys, liveMessage, movingCue } from '../../../shared/room/cues';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { useClientStatus } from '../sync/RoomProvider';
import { playCue, useCueSound } from './cueSound';
import { useNow, useSessionState } from './liveState';

/** "Staying in Engage": shown this long after the facilitator undoes a pending move. */
const UNDONE_MS = 6000;

export function CueBar({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const state = useSessionState(client);
  const now = useNow(500, client);
  const status = useClientStatus(client);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const titleOf = (id: string | undefined) => (id ? (pack.phases.find((p) => p.id === id)?.title ?? id) : '');

  const moving = movingCue(state, now);
  const message = liveMessage(state.broadcast, now);
  const shownMessage = message && dismissed !== message.at ? message : null;

  // A pending move that vanishes before its time was undone: say so for a moment.
  const lastPending = useRef(state.pending ?? null);
  const [undone, setUndone] = useState<{ phase: string; until: number } | null>(null);
  useEffect(() => {
    const before = lastPending.current;
    lastPending.current = state.pending ?? null;
    if (before && !state.pending && client.hostNow() < before.at - 250) setUndone({ phase: state.phase ?? '', until: client.hostNow() + UNDONE_MS });
    if (state.pending) setUndone(null);
  }, [state.pending, state.phase, client]);
  const showUndone = undone && now < undone.until && !moving ? undone : null;

  // One sound/vibration per new cue (never for the cues already up when the page loaded: until the session
  // document has the room's state, from this device's copy or the host, every cue that shows up counts as old).
  const played = useRef<Set<string> | null>(null);
  const [synced, setSynced] = useState(false);
  useEffect(() => {
    let alive = true;
    void client.whenSynced('session').then(() => alive && setSynced(true));
    return () => {
      alive = false;
    };
  }, [client]);
  const keys = cueKeys(state, now);
  const keyList = keys.join('|');
  useEffect(() => {
    const current = keyList ? keyList.split('|') : [];
    if (played.current === null || !synced) {
      played.current = new Set([...(played.current ?? []), ...current]);
      return;
    }
    const fresh = current.filter((k) => !played.current!.has(k));
    for (const k of fresh) played.current.add(k);
    if (fresh.length > 0) playCue(fresh.includes('blank'));
  }, [keyList, synced]);

  const connection =
    status === 'reconnecting' ? 'Reconnecting… your work is saved on this device' : status === 'offline' ? 'Offline: your work is saved on this device and syncs when the room is back' : null;

  return (
    <div className="cue-bar no-print" data-testid="cue-bar">
      <div role="status" aria-live="polite" className="cue-stack">
        {moving ? (
          <p className="cue cue-moving" data-testid="moving-banner">
            <MoveRight size={20} aria-hidden="true" /> Moving to {titleOf(moving.phase)} in {moving.seconds} s — finish your sentence.
          </p>
        ) : null}
        {showUndone ? (
          <p className="cue" data-testid="moving-undone">
            <Undo2 size={20} aria-hidden="true" /> Change cancelled: staying in {titleOf(showUndone.phase)}.
          </p>
        ) : null}
        {shownMessage ? (
          <div className="cue cue-message" data-testid="broadcast">
            <Megaphone size={20} aria-hidden="true" />
            <span className="cue-text">{shownMessage.text}</span>
            <button type="button" className="btn btn-small" onClick={() => setDismissed(shownMessage.at)} aria-label={`OK, hide “${shownMessage.text}”`}>
              OK
            </button>
          </div>
        ) : null}
        {connection ? (
          <p className="cue cue-connection" data-testid="cue-connection">
            <CloudOff size={20} aria-hidden="true" /> {connection}
          </p>
        ) : null}
      </div>
      <div aria-live="assertive" className="cue-alert">
        {state.blank ? (
          <div className="blank-overlay" data-testid="blank-overlay">
            <p>
              <EyeOff size={28} aria-hidden="true" /> Eyes on the front, please. Your work is saved; it comes back in a moment.
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The learner's choice of a short sound or vibration with each new cue (off by default, remembered here). */
export function CueSoundToggle() {
  const [on, setOn] = useCueSound();
  return (
    <label className="cue-sound-toggle">
      <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> Sound or vibration with announcements
    </label>
  );
}
