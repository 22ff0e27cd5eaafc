/**
 * Connection state, always visible in a room: synced, reconnecting, offline (work saved here), ended, moved to
 * another device. Two facts kept apart: "saved on this device" only once the device's storage has committed the
 * edit, "synced with the room" only once the host has acknowledged every edit (never while one is waiting).
 * Announced once: where the pinned cue bar (live/CueBar.tsx) already announces reconnecting/offline, those two
 * states are shown here outside the live region, so a screen reader does not hear them twice.
 */
import { useEffect, useState } from 'react';
import { CircleCheck, CloudOff, LoaderCircle, Lock, MonitorSmartphone, OctagonX } from 'lucide-react';
import type { ClientError } from '../../../shared/sync/clientTypes';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useConnectionStatus } from '../sync/RoomProvider';

const COMPACT: Record<string, string> = {
  connecting: 'Connecting…',
  online: 'Synced',
  reconnecting: 'Reconnecting…',
  offline: 'Offline · saved here',
  ended: 'Session ended',
  refused: 'Not connected',
  moved: 'Moved to another device',
};

/** Downloads what this device has not got into the room, to hand over (the facilitator can import it). */
function downloadUnsent(client: RoomClient): void {
  const { edits, commands } = client.unsent();
  const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  const body = JSON.stringify({ room: client.room, learnerId: client.welcome?.learnerId ?? null, edits: edits.map((e) => ({ doc: e.doc, update: toBase64(e.update) })), commands }, null, 2);
  const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `unsent-work-${client.room}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * @param compact a short label for the sidebar; the full sentence is its accessible description.
 * @param cueBar the cue bar is on this screen (a learner's): it announces reconnecting/offline, this does not.
 */
export function StatusIndicator({ client, compact = false, cueBar = false }: { client: RoomClient | null; compact?: boolean; cueBar?: boolean }) {
  const { status, pending, saving } = useConnectionStatus(client);
  // Problems with this device's edits (too big to send, refused again and again, the host's disk full, a document
  // this device could not take): said once, in words, until dismissed. Command errors are shown where the command was given.
  const [problem, setProblem] = useState<ClientError | null>(null);
  useEffect(() => client?.on('error', (e) => (e.doc && !e.id && e.reason !== 'missing-dependencies' ? setProblem(e) : undefined)), [client]);
  if (status === 'none') return null;
  const waiting = pending > 0 ? ` · ${pending} edit${pending === 1 ? '' : 's'} waiting to sync` : '';
  const saved = saving > 0 ? 'saving on this device…' : 'your work is saved on this device';
  const view = {
    connecting: { icon: <LoaderCircle size={16} aria-hidden="true" />, text: 'Connecting to the room…', cls: 'status-wait' },
    online: { icon: <CircleCheck size={16} aria-hidden="true" />, text: pending > 0 ? `Saving${waiting}` : 'Synced with the room', cls: 'status-ok' },
    reconnecting: { icon: <LoaderCircle size={16} aria-hidden="true" />, text: `Reconnecting… ${saved}${waiting}`, cls: 'status-wait' },
    offline: {
      icon: <CloudOff size={16} aria-hidden="true" />,
      text:
        client?.offlineReason === 'network'
          ? `Offline — ${saved}${waiting}`
          : `The host is not answering (is the facilitator's kit still running?) — ${saved}, retrying${waiting}`,
      cls: 'status-off',
    },
    ended: { icon: <Lock size={16} aria-hidden="true" />, text: 'The session has ended: read-only', cls: 'status-off' },
    refused: { icon: <OctagonX size={16} aria-hidden="true" />, text: client?.lastError?.message ?? 'The host refused this connection', cls: 'status-bad' },
    moved: {
      icon: <MonitorSmartphone size={16} aria-hidden="true" />,
      text: `You continue on another device (your rejoin code was used there): this one is read-only${pending > 0 ? ` and still holds ${pending} unsent item${pending === 1 ? '' : 's'}` : ''}`,
      cls: 'status-bad',
    },
  }[status];
  const label = compact ? `${status === 'online' && pending > 0 ? 'Saving' : COMPACT[status]}${pending > 0 ? ` · ${pending} waiting` : ''}` : view.text;
  const cuedElsewhere = cueBar && (status === 'reconnecting' || status === 'offline');
  return (
    <div className={`status ${view.cls}`} data-status={status} title={compact ? view.text : undefined}>
      {view.icon}
      {/* The live region stays mounted (a region added with its text is not announced); emptying it is not announced. */}
      <span>
        <span role="status" aria-live={compact ? 'off' : 'polite'}>
          {cuedElsewhere ? null : label}
        </span>
        {cuedElsewhere ? label : null}
      </span>
      {problem && !compact ? (
        <span role="alert" className="status-problem" data-testid="sync-problem">
          {problem.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </span>
      ) : null}
      {status === 'moved' && pending > 0 && client && !compact ? (
        <button type="button" className="btn btn-small" onClick={() => downloadUnsent(client)}>
          Download unsent work
        </button>
      ) : null}
    </div>
  );
}
