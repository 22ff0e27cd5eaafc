/**
 * Rejoin codes on the learner's own screen: the code stays hidden until asked for (it is a key to this learner's
 * private work, and screens get photographed), and when someone uses it on another device while this one is
 * connected, the host asks here first — the identity moves only if the learner says yes here (or this device is
 * gone). The host's side is electron/host/room/rejoinMoves.ts.
 */
import { useEffect, useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';

export function RejoinCode({ code }: { code: string | undefined }) {
  const [shown, setShown] = useState(false);
  if (!code) return null;
  return (
    <p className="muted">
      Continue on another device with a one-time rejoin code:{' '}
      {shown ? (
        <code data-testid="rejoin-code">{code}</code>
      ) : (
        <button type="button" className="btn" onClick={() => setShown(true)}>
          Show my rejoin code
        </button>
      )}
    </p>
  );
}

export function MoveRequestPrompt({ client }: { client: RoomClient }) {
  const [requestId, setRequestId] = useState<string | null>(null);
  useEffect(() => client.on('move-request', setRequestId), [client]);
  if (!requestId) return null;
  const answer = (allow: boolean) => {
    client.answerMoveRequest(requestId, allow);
    setRequestId(null);
  };
  return (
    <div className="card callout" role="alertdialog" aria-labelledby="move-request-title" data-testid="move-request">
      <h2 id="move-request-title" style={{ marginTop: 0, fontSize: '1.1rem' }}>
        Is that you on another device?
      </h2>
      <p>
        Someone is using your rejoin code on another device. If it is you, continue there: this device becomes read-only. If it is not you, keep working
        here — they get nothing.
      </p>
      <div className="page-actions">
        <button type="button" className="btn" onClick={() => answer(true)}>
          Yes, continue on the other device
        </button>
        <button type="button" className="btn btn-primary" onClick={() => answer(false)}>
          No, it is not me
        </button>
      </div>
    </div>
  );
}
