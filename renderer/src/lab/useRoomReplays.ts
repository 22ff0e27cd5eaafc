/**
 * Every team's lab replayed in a worker (roomLabWorker.ts), for the projector's comparison: the latest request
 * wins (while the worker computes, newer inputs replace the waiting one; the room day grows every second or two
 * and a replay may take longer), and the worker appends while a team's list only grows.
 */
import { useEffect, useRef, useState } from 'react';
import type { TeamResponse, TeamTimeline } from '../../../shared/lab/roomReplays';
import type { Scenario } from '../../../shared/lab/scenarioSchema';

interface Request {
  scenario: Scenario;
  seed: number;
  teams: TeamTimeline[];
}

export function useRoomReplays(request: Request | null): { teams: TeamResponse[]; busy: boolean; error: string | null } {
  const [teams, setTeams] = useState<TeamResponse[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  const waiting = useRef<Request | null>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    const w = new Worker(new URL('./roomLabWorker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<{ type: 'teams'; teams: TeamResponse[] } | { type: 'error'; message: string }>) => {
      if (e.data.type === 'teams') {
        setTeams(e.data.teams);
        setError(null);
      } else setError(`The comparison could not be computed: ${e.data.message}`);
      const next = waiting.current;
      waiting.current = null;
      if (next) w.postMessage(next);
      else {
        inFlight.current = false;
        setBusy(false);
      }
    };
    w.onerror = () => setError('The comparison stopped working; reload the projector view.');
    return () => {
      w.terminate();
      worker.current = null;
      inFlight.current = false;
    };
  }, []);

  useEffect(() => {
    const w = worker.current;
    if (!request || !w) return;
    if (inFlight.current) {
      waiting.current = request;
      return;
    }
    inFlight.current = true;
    setBusy(true);
    w.postMessage(request);
  }, [request]);

  return { teams, busy, error };
}
