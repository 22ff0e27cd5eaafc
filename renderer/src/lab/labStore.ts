/**
 * Self-study labs on this device, in IndexedDB through Dexie (a database of their own, `workshop-kit-lab`, so the
 * room's storage is untouched): one row per scenario with its seed and ordered action list. A reload rebuilds the
 * lab by replaying the list, so nothing else needs keeping.
 *
 * Owns: `LabDatabase` and `useSelfStudyLab` (load, append one action, start over with a seed). Writes are
 * serialised (one at a time, the latest list each time); a storage failure becomes a sentence that says what to do.
 */
import Dexie, { type Table } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabActionInput } from '../../../shared/lab/actions';

export interface LabRow {
  scenarioId: string;
  seed: number;
  actions: unknown[];
}

export class LabDatabase extends Dexie {
  labs!: Table<LabRow, string>;
  constructor(name = 'workshop-kit-lab') {
    super(name);
    this.version(1).stores({ labs: 'scenarioId' });
  }
}

/** The seed a new self-study lab starts with (any integer; the same seed gives the same data). */
export const DEFAULT_SEED = 1;

let shared: LabDatabase | null = null;
const database = () => (shared ??= new LabDatabase());

const SAVE_FAILED =
  'This browser could not save the lab (storage is full, blocked or private). It works until you leave the page; free some space or allow site storage to keep it.';

export interface SelfStudyLab {
  loaded: boolean;
  seed: number;
  actions: readonly unknown[];
  append(action: LabActionInput): void;
  /** Clears the action list and starts again with `seed`. */
  startOver(seed: number): void;
  error: string | null;
}

export function useSelfStudyLab(scenarioId: string): SelfStudyLab {
  const [row, setRow] = useState<LabRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<LabRow | null>(null);
  const writes = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    let live = true;
    current.current = null;
    setRow(null);
    database()
      .labs.get(scenarioId)
      .then((saved) => {
        if (!live) return;
        const r: LabRow =
          saved && Array.isArray(saved.actions) && Number.isInteger(saved.seed) ? saved : { scenarioId, seed: DEFAULT_SEED, actions: [] };
        current.current = r;
        setRow(r);
      })
      .catch(() => {
        if (!live) return;
        setError(SAVE_FAILED);
        const r = { scenarioId, seed: DEFAULT_SEED, actions: [] };
        current.current = r;
        setRow(r);
      });
    return () => {
      live = false;
    };
  }, [scenarioId]);

  const save = useCallback((next: LabRow) => {
    current.current = next;
    setRow(next);
    writes.current = writes.current
      .then(() => database().labs.put(current.current ?? next))
      .then(() => setError(null))
      .catch(() => setError(SAVE_FAILED));
  }, []);

  const append = useCallback(
    (action: LabActionInput) => {
      const r = current.current;
      if (r) save({ ...r, actions: [...r.actions, action] });
    },
    [save],
  );
  const startOver = useCallback((seed: number) => save({ scenarioId, seed, actions: [] }), [save, scenarioId]);

  return { loaded: row !== null, seed: row?.seed ?? DEFAULT_SEED, actions: row?.actions ?? EMPTY, append, startOver, error };
}

const EMPTY: readonly unknown[] = [];
