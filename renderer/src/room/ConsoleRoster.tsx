/**
 * The console's roster, and ending the session from the console.
 *
 * Owns: the roster list (raised hands first, shown as text and an icon, with "Lower hand": the host's `lower-hand`
 * command, facilitator only) and the End control with its confirm step (POST /api/sessions/<id>/end — the same route
 * the sessions list uses, so a facilitator whose host runs headless can end the session from the browser).
 */
import { Hand, Square, Users } from 'lucide-react';
import { useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { commandId } from '../live/liveState';
import type { Participant } from './RoomPage';
import '../styles/console.css';

export function ConsoleRoster({
  client,
  people,
  writable,
}: {
  client: RoomClient | null;
  people: [string, Participant][];
  writable: boolean;
}) {
  if (people.length === 0) {
    return (
      <p className="empty">
        <Users size={16} aria-hidden="true" /> Nobody has joined yet: show the join card on the projector.
      </p>
    );
  }
  const ordered = [...people].sort(([, a], [, b]) => Number(!!b.hand) - Number(!!a.hand));
  return (
    <ul className="roster" data-testid="roster">
      {ordered.map(([id, p]) => (
        <li key={id} data-online={p.online ? 'true' : 'false'} data-hand={p.hand ? 'true' : 'false'} data-testid={`roster-${id}`}>
          <span className={`presence ${p.online ? 'on' : ''}`} aria-hidden="true" />
          <span>{p.name ?? 'Guest'}</span>
          {p.hand ? (
            <span className="hand" data-testid="roster-hand">
              <Hand size={16} aria-hidden="true" /> Hand raised
            </span>
          ) : null}
          <span className="muted" style={{ marginLeft: 'auto', fontSize: '0.8rem' }}>
            {p.online ? 'online' : 'offline'}
          </span>
          {p.hand && client && writable ? (
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Lower hand of ${p.name ?? 'Guest'}`}
              onClick={() => client.command(commandId('lower-hand'), { cmd: 'lower-hand', learnerId: id })}
            >
              Lower hand
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** "End the session…", then a confirm step: learners' screens become read-only and nobody new can join. */
export function EndSession({ hostKey, sessionId, title }: { hostKey: string; sessionId: string; title: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const end = async () => {
    setError('');
    try {
      const res = await fetch(`/api/sessions/${sessionId}/end`, { method: 'POST', headers: { Authorization: `Bearer ${hostKey}` } });
      if (!res.ok)
        throw new Error(
          ((await res.json().catch(() => ({}))) as { message?: string }).message ??
            `the host answered ${res.status}: reload the console and try again`,
        );
      setConfirming(false);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="page-actions" data-testid="end-session">
      {confirming ? (
        <span
          role="group"
          aria-label="Confirm ending the session"
          style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}
        >
          <span>End “{title}”? Every screen becomes read-only and nobody new can join. It cannot be reopened.</span>
          <button type="button" className="btn btn-primary" onClick={() => void end()}>
            End now
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          <Square size={16} aria-hidden="true" /> End the session…
        </button>
      )}
      {error ? (
        <p role="alert" style={{ color: 'var(--danger)' }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
