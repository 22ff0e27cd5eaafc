/** Connection state, always visible in a room: synced, reconnecting, offline (work saved here), ended. */
import { CircleCheck, CloudOff, LoaderCircle, Lock, OctagonX } from 'lucide-react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useConnectionStatus } from '../sync/RoomProvider';

const COMPACT: Record<string, string> = {
  connecting: 'Connecting…',
  online: 'Synced',
  reconnecting: 'Reconnecting…',
  offline: 'Offline · saved here',
  ended: 'Session ended',
  refused: 'Not connected',
};

/** @param compact a short label for the sidebar; the full sentence is its accessible description. */
export function StatusIndicator({ client, compact = false }: { client: RoomClient | null; compact?: boolean }) {
  const { status, pending } = useConnectionStatus(client);
  if (status === 'none') return null;
  const waiting = pending > 0 ? ` · ${pending} edit${pending === 1 ? '' : 's'} waiting to sync` : '';
  const view = {
    connecting: { icon: <LoaderCircle size={16} aria-hidden="true" />, text: 'Connecting to the room…', cls: 'status-wait' },
    online: { icon: <CircleCheck size={16} aria-hidden="true" />, text: pending > 0 ? `Saving${waiting}` : 'Synced with the room', cls: 'status-ok' },
    reconnecting: { icon: <LoaderCircle size={16} aria-hidden="true" />, text: `Reconnecting… your work is saved on this device${waiting}`, cls: 'status-wait' },
    offline: {
      icon: <CloudOff size={16} aria-hidden="true" />,
      text:
        client?.offlineReason === 'network'
          ? `Offline — your work is saved on this device${waiting}`
          : `The host is not answering (is the facilitator's kit still running?) — your work is saved on this device, retrying${waiting}`,
      cls: 'status-off',
    },
    ended: { icon: <Lock size={16} aria-hidden="true" />, text: 'The session has ended: read-only', cls: 'status-off' },
    refused: { icon: <OctagonX size={16} aria-hidden="true" />, text: client?.lastError?.message ?? 'The host refused this connection', cls: 'status-bad' },
  }[status];
  return (
    <div className={`status ${view.cls}`} role="status" aria-live={compact ? 'off' : 'polite'} data-status={status} title={compact ? view.text : undefined}>
      {view.icon}
      <span>{compact ? `${COMPACT[status]}${pending > 0 ? ` · ${pending} waiting` : ''}` : view.text}</span>
    </div>
  );
}
