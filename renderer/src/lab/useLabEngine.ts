/**
 * A worker-backed `LabApi` (labApi.ts) for an action list kept in ANY store: Dexie in self-study (LabPage.tsx),
 * the team's Yjs document in a room. The store owns the list; this hook only mirrors it into the lab's Web Worker
 * (labWorker.ts) and hands the derived state to the screens:
 *
 *   const lab = useLabEngine({ scenario, seed, actions, dispatch: appendToStore, mode: 'room', canAdvance: false });
 *   return <LabWorkbench lab={lab} />;
 *
 * Owns: the worker's lifetime (started on mount, terminated on unmount) and the translation of worker failures
 * into sentences that say what to do. The conversation itself (one request in flight, list changes coalesced into
 * one `append` — or one `open` when the list was not merely extended —, explain/lineage as promises) is
 * labChannel.ts. `dispatch` goes to the store, never to the worker: the list changes, and the list drives the worker.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LabActionInput } from '../../../shared/lab/actions';
import type { LabState } from '../../../shared/lab/labTypes';
import type { Lineage } from '../../../shared/lab/registry';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { Explanation, LabApi } from './labApi';
import { LabChannel, type LabQuestion } from './labChannel';

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

const STOPPED = 'The lab engine stopped. Reload the page to start it again: your actions are kept, and the lab is rebuilt from them.';

export function useLabEngine({ scenario, seed, actions, dispatch, mode, canAdvance, storeError = null }: LabEngineOptions): LabApi {
  const [state, setState] = useState<LabState | null>(null);
  const [busy, setBusy] = useState(true);
  const [engineError, setEngineError] = useState<string | null>(null);
  const channel = useRef<LabChannel | null>(null);
  const latest = useRef({ scenario, seed, actions });
  latest.current = { scenario, seed, actions };

  // The worker lives as long as the screen: started on mount, terminated on unmount (pending questions fail).
  useEffect(() => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      setEngineError(
        `This browser could not start the lab engine (${(error as Error).message}). Open the kit in a current Chrome, Edge or Firefox.`,
      );
      setBusy(false);
      return;
    }
    const c = new LabChannel((m) => worker.postMessage(m), { state: setState, busy: setBusy, error: setEngineError });
    channel.current = c;
    const stop = (detail?: string) => {
      c.fail(detail ? `${STOPPED} (${detail})` : STOPPED);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<Parameters<LabChannel['receive']>[0]>) => c.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      stop(e.message || undefined);
    };
    worker.onmessageerror = () => stop();
    const { scenario: s, seed: n, actions: a } = latest.current;
    c.want(s, n, a);
    return () => {
      channel.current = null;
      c.fail('the lab was closed', false);
      worker.terminate();
    };
  }, []);

  // Every new list (or scenario, or seed) is mirrored into the worker; changes arriving mid-request coalesce.
  useEffect(() => {
    channel.current?.want(scenario, seed, actions);
  }, [scenario, seed, actions]);

  const ask = useCallback((q: LabQuestion) => channel.current?.ask(q) ?? Promise.reject(new Error(STOPPED)), []);
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
