/**
 * Messages from the facilitator to every screen (shown by live/CueBar.tsx until they expire: shared/room/cues.ts), and
 * "bring everyone back": a learner browsing the kit is taken back to the room page when the facilitator recalls the
 * room (once per recall).
 */
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useSessionState, writeState } from './liveState';

export function useRecall(client: RoomClient | null): void {
  const state = useSessionState(client);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const seen = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (!client || client.welcome?.role !== 'learner') return;
    const at = state.recallAt ?? null;
    // The first value seen is history (a recall from before this page loaded): only later recalls move the learner.
    if (seen.current === undefined) {
      seen.current = at;
      return;
    }
    if (at !== seen.current) {
      seen.current = at;
      if (at !== null && pathname !== `/room/${client.room}`) navigate(`/room/${client.room}`);
    }
  }, [client, state.recallAt, navigate, pathname]);
}

/** `presets: false` where the time-left messages are in reach already (the console's sticky bar). */
export function BroadcastControls({ client, presets = true }: { client: RoomClient; presets?: boolean }) {
  const [text, setText] = useState('');
  const send = (message: string) => writeState(client, { broadcast: { text: message, at: client.hostNow() } });
  return (
    <div className="card">
      <div className="eyebrow">Tell every screen</div>
      {presets ? (
        <div className="page-actions">
          {['10 minutes left', '5 minutes left', '1 minute left: wrap up your sentence'].map((m) => (
            <button key={m} type="button" className="btn" onClick={() => send(m)}>
              {m}
            </button>
          ))}
        </div>
      ) : null}
      <form
        className="page-actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) send(text.trim());
          setText('');
        }}
      >
        <input className="input" style={{ flex: 1 }} aria-label="Message to every screen" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="btn">
          Send
        </button>
        <button type="button" className="btn btn-primary" onClick={() => writeState(client, { recallAt: client.hostNow(), pushed: null, broadcast: { text: 'Back to the room, please.', at: client.hostNow(), learnersOnly: true } })}>
          Bring everyone back
        </button>
      </form>
    </div>
  );
}
