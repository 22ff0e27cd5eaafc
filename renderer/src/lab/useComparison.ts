/**
 * Owns: running a DevOps-only vs MLOps comparison in the page's own worker (comparisonWorker.ts): one worker per
 * page; the worker answers in order, so while newer requests are pending an older answer is dropped; the time it
 * took, and any refusal as a sentence.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComparisonOptionsInput, ProcessComparison } from '../../../shared/lab/processComparison';
import type { LabResponse } from '../../../shared/lab/workerProtocol';
import type { Scenario } from '../../../shared/lab/scenarioSchema';

export interface ComparisonRun {
  comparison: ProcessComparison | null;
  busy: boolean;
  error: string | null;
  /** Wall time of the last comparison in the worker, in ms. */
  ms: number | null;
  run(scenario: Scenario, seed: number, options: ComparisonOptionsInput): void;
}

export function useComparison(): ComparisonRun {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(0);
  const started = useRef(0);
  const [state, setState] = useState<Omit<ComparisonRun, 'run'>>({ comparison: null, busy: false, error: null, ms: null });

  useEffect(() => {
    const w = new Worker(new URL('./comparisonWorker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    pending.current = 0;
    w.onmessage = (e: MessageEvent<LabResponse>) => {
      pending.current--;
      if (pending.current > 0) return; // a newer request is on its way
      const r = e.data;
      const ms = Math.round(performance.now() - started.current);
      if (r.type === 'comparison') setState({ comparison: r.comparison, busy: false, error: null, ms });
      else setState((s) => ({ ...s, busy: false, error: r.type === 'error' ? r.message : 'Unexpected answer from the worker.', ms }));
    };
    w.onerror = () =>
      setState((s) => ({
        ...s,
        busy: false,
        error: 'The comparison could not run in this browser (its worker failed to start). Reload the page.',
      }));
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  const run = useCallback((scenario: Scenario, seed: number, options: ComparisonOptionsInput) => {
    const w = worker.current;
    if (!w) return;
    pending.current++;
    started.current = performance.now();
    setState((s) => ({ ...s, busy: true, error: null }));
    w.postMessage({ type: 'compare', scenario, seed, options });
  }, []);

  return { ...state, run };
}
