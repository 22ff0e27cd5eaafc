/**
 * A worker-backed `LabApi` (labApi.ts) for an action list kept in ANY store: Dexie in self-study (LabPage.tsx),
 * the team's Yjs document in a room. The store owns the list; this hook only mirrors it into the lab's Web Worker
 * (labWorker.ts) and hands the derived state to the screens.
 *
 * Owns: the worker's lifetime (started on mount, terminated on unmount), the request queue (one request in flight;
 * list changes arriving meanwhile are coalesced into one `append` — or one `open` when the list was not merely
 * extended, see labSync.ts), `explain`/`lineage` as promises, and worker failures turned into sentences that say
 * what to do. `dispatch` goes to the store, never to the worker: the list changes, and the list drives the worker.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LabActionInput } from '../../../shared/lab/actions';
import type { LabState } from '../../../shared/lab/labTypes';
import type { Lineage } from '../../../shared/lab/registry';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { LabRequest, LabResponse } from '../../../shared/lab/workerProtocol';
import type { Explanation, LabApi } from './labApi';
import { planSync, type SyncTarget } from './labSync';

export interface LabEngineOptions {
  scenario: Scenario;
  seed: number;
  /** The lab's ordered action list, as the store holds it now. */
  actions: readonly unknown[];
  /** Appends one action to the store's list (which then flows back here as `actions`). */
  dispatch(action: LabActionInput): void;
  mode: 'self' | 'room';
  canAdvance: boolean;
  /** A failure of the store holding the list, as a sentence; shown as the lab's `error`. */
  storeError?: string | null;
}

type Query = { request: Extract<LabRequest, { type: 'explain' | 'lineage' }>; resolve(r: LabResponse): void; reject(e: Error): void };
type InFlight = { id: number; sync: SyncTarget | null; query: Query | null };

const STOPPED =
  'The lab engine stopped. Reload the page to start it again: your actions are kept, and the lab is rebuilt from them.';

export function useLabEngine({ scenario, seed, actions, dispatch, mode, canAdvance, storeError = null }: LabEngineOptions): LabApi {
  const [state, setState] = useState<LabState | null>(null);
  const [busy, setBusy] = useState(true);
  const [engineError, setEngineError] = useState<string | null>(null);

  const worker = useRef<Worker | null>(null);
  const held = useRef<SyncTarget | null>(null);
  const inFlight = useRef<InFlight | null>(null);
  const queries = useRef<Query[]>([]);
  const nextId = useRef(1);
  const wanted = useRef<{ target: SyncTarget; scenario: Scenario; seed: number }>({
    target: { key: `${scenario.id}:${seed}`, actions },
    scenario,
    seed,
  });

  const pump = useCallback(() => {
    const w = worker.current;
    if (!w || inFlight.current) return;
    const want = wanted.current;
    const plan = planSync(held.current, want.target);
    const id = nextId.current++;
    if (plan.type !== 'none') {
      if (held.current?.key !== want.target.key) setState(null);
      const request: LabRequest =
        plan.type === 'open'
          ? { type: 'open', scenario: want.scenario, seed: want.seed, actions: [...want.target.actions] }
          : { type: 'append', actions: plan.actions };
      inFlight.current = { id, sync: want.target, query: null };
      setBusy(true);
      w.postMessage({ id, request });
      return;
    }
    setBusy(false);
    const query = queries.current.shift();
    if (!query) return;
    inFlight.current = { id, sync: null, query };
    w.postMessage({ id, request: query.request });
  }, []);

  // The worker lives as long as the screen: started on mount, terminated on unmount (pending queries fail).
  useEffect(() => {
    let w: Worker;
    try {
      w = new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      setEngineError(`This browser could not start the lab engine (${(error as Error).message}). Open the kit in a current Chrome, Edge or Firefox.`);
      return;
    }
    worker.current = w;
    const fail = (message: string) => {
      setEngineError(message);
      setBusy(false);
      const pending = [...queries.current, ...(inFlight.current?.query ? [inFlight.current.query] : [])];
      queries.current = [];
      inFlight.current = null;
      worker.current = null;
      w.terminate();
      for (const q of pending) q.reject(new Error(message));
    };
    w.onmessage = (e: MessageEvent<{ id: number; response: LabResponse }>) => {
      const current = inFlight.current;
      if (!current || e.data.id !== current.id) return;
      inFlight.current = null;
      const response = e.data.response;
      if (current.sync) {
        // Held even after an error, so a list the engine refuses is not re-sent in a loop; the next change retries.
        held.current = current.sync;
        if (response.type === 'state') {
          setState(response.state);
          setEngineError(null);
        } else if (response.type === 'error') {
          setEngineError(`The lab could not be rebuilt from its actions: ${response.message}. Start over, or reload the page.`);
        }
      } else if (current.query) {
        if (response.type === 'error') current.query.reject(new Error(response.message));
        else current.query.resolve(response);
      }
      pump();
    };
    w.onerror = (e) => {
      e.preventDefault();
      fail(`${STOPPED}${e.message ? ` (${e.message})` : ''}`);
    };
    w.onmessageerror = () => fail(STOPPED);
    pump();
    return () => {
      const pending = [...queries.current, ...(inFlight.current?.query ? [inFlight.current.query] : [])];
      queries.current = [];
      inFlight.current = null;
      held.current = null;
      worker.current = null;
      w.terminate();
      for (const q of pending) q.reject(new Error('the lab was closed'));
    };
  }, [pump]);

  // Every new list (or scenario, or seed) is mirrored into the worker; changes arriving mid-request coalesce.
  useEffect(() => {
    wanted.current = { target: { key: `${scenario.id}:${seed}`, actions }, scenario, seed };
    if (!inFlight.current && planSync(held.current, wanted.current.target).type !== 'none') setBusy(true);
    pump();
  }, [scenario, seed, actions, pump]);

  const ask = useCallback(
    (request: Query['request']) =>
      new Promise<LabResponse>((resolve, reject) => {
        if (!worker.current) {
          reject(new Error(STOPPED));
          return;
        }
        queries.current.push({ request, resolve, reject });
        pump();
      }),
    [pump],
  );

  const explain = useCallback(
    async (version: number, day: number, row: number): Promise<Explanation> => {
      const r = await ask({ type: 'explain', version, day, row });
      return r.type === 'explanation' ? r.explanation : null;
    },
    [ask],
  );
  const lineage = useCallback(
    async (version: number): Promise<Lineage | null> => {
      const r = await ask({ type: 'lineage', version });
      return r.type === 'lineage' ? r.lineage : null;
    },
    [ask],
  );

  return useMemo<LabApi>(
    () => ({ scenario, state, busy, error: storeError ?? engineError, dispatch, explain, lineage, mode, canAdvance }),
    [scenario, state, busy, storeError, engineError, dispatch, explain, lineage, mode, canAdvance],
  );
}
