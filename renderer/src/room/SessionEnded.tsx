/**
 * An ended session, on every screen of it (console, projector, learners).
 *
 * Owns: whether this screen's session has ended (`useSessionEnded`: the host's welcome says so, or its
 * `session-ended` message arrives while the screen is open), the banner that says so, and `WritesOff`: a fieldset
 * that disables every form control inside it (buttons, inputs, selects, text areas) when the session has ended, so
 * the existing components show their content read-only instead of offering writes the host would refuse. Editors
 * and boards that are not form controls take `client.readOnly` themselves. The host enforces all of it
 * (electron/host/room/endedSession.ts); this only makes it visible.
 */
import { Lock } from 'lucide-react';
import { useCallback, useSyncExternalStore, type ReactNode } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';

export const ENDED_TEXT = 'This session has ended — everything is read-only';

/** True once the host has said this session has ended; re-renders when it does. */
export function useSessionEnded(client: RoomClient | null): boolean {
  const subscribe = useCallback((notify: () => void) => (client ? client.on('status', notify) : () => undefined), [client]);
  return useSyncExternalStore(subscribe, () => client?.sessionEnded ?? false);
}

/** The banner of an ended session; `children` add what this screen can still do. */
export function EndedBanner({ client, children }: { client: RoomClient | null; children?: ReactNode }) {
  const ended = useSessionEnded(client);
  if (!ended) return null;
  return (
    <div className="banner banner-ended" role="status" data-testid="ended-banner">
      <Lock size={18} aria-hidden="true" /> <strong>{ENDED_TEXT}</strong>
      {children ? <div className="banner-ended-more">{children}</div> : null}
    </div>
  );
}

/** Its children, with every form control disabled while `off` (always the same element: nothing remounts). */
export function WritesOff({ off, children }: { off: boolean; children: ReactNode }) {
  return (
    <fieldset className="writes-off" disabled={off} data-writes-off={off ? 'true' : 'false'}>
      {children}
    </fieldset>
  );
}
