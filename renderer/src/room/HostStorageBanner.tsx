/**
 * The host's storage health for the facilitator (`GET /api/status`, polled): a warning banner when the host's disk
 * is low or writes are failing, and the latest storage problems (damaged files found at start, failed writes).
 */
import { useEffect, useState } from 'react';
import type { HostStatus } from '../../../shared/protocol/sessionsApi';

export function useHostStatus(hostKey: string, everyMs = 30_000): HostStatus | null {
  const [status, setStatus] = useState<HostStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      fetch('/api/status', { headers: { Authorization: `Bearer ${hostKey}` } })
        .then((r) => (r.ok ? (r.json() as Promise<HostStatus>) : null))
        .then((s) => {
          if (live && s) setStatus(s);
        })
        .catch(() => undefined);
    };
    load();
    const timer = setInterval(load, everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [hostKey, everyMs]);
  return status;
}

export function HostStorageBanner({ hostKey }: { hostKey: string }) {
  const status = useHostStatus(hostKey);
  if (!status) return null;
  const { disk, writesFailing, problems } = status;
  if (!disk.low && !writesFailing && problems.length === 0) return null;
  return (
    <div className="banner banner-danger" role="alert" data-testid="host-storage">
      {disk.low ? (
        <p>
          Low disk space on the host: {disk.freeMb} MB free. Free disk space on the host laptop
          {disk.refusingNewLearners ? ': new participants cannot join until you do.' : '.'}
        </p>
      ) : null}
      {writesFailing ? <p>The host cannot save changes right now. They are kept on the devices and saved once it can: free disk space on the host laptop.</p> : null}
      {problems.length > 0 ? (
        <details>
          <summary>Storage problems on the host ({problems.length})</summary>
          <ul>
            {problems.map((p) => (
              <li key={`${p.at}-${p.message}`}>
                {new Date(p.at).toLocaleTimeString()} — {p.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
