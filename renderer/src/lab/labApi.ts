/**
 * The contract between the lab's screens and whatever runs the engine (issue 16).
 *
 * Owns: `LabApi`, the one object every lab screen receives. The screens never touch the worker, Dexie or Yjs:
 * self-study backs it with a Web Worker + Dexie (useLabEngine), the room with the same worker + the team's Yjs
 * document and the facilitator's clock. Everything in `state` is derived by replaying `{ scenario, seed, actions }`
 * (shared/lab/session.ts), so every screen of every teammate shows the same thing.
 */
import type { LabActionInput } from '../../../shared/lab/actions';
import type { LabState } from '../../../shared/lab/labTypes';
import type { Lineage } from '../../../shared/lab/registry';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { LabSession } from '../../../shared/lab/session';

export type Explanation = ReturnType<LabSession['explain']>;

export interface LabApi {
  scenario: Scenario;
  /** null until the worker has replayed the action list once. */
  state: LabState | null;
  /** The worker is computing (training, simulating days): show progress, never freeze. */
  busy: boolean;
  /** A worker or storage failure, as a sentence that says what to do (refused actions are in state.errors). */
  error: string | null;
  /** Appends one action to the lab's list (the only way to change a lab). */
  dispatch(action: LabActionInput): void;
  /** Why one served prediction got its score. */
  explain(version: number, day: number, row: number): Promise<Explanation>;
  lineage(version: number): Promise<Lineage | null>;
  /** 'self': the learner runs the clock and may inject incidents; 'room': the facilitator runs the clock. */
  mode: 'self' | 'room';
  /** Whether this screen may advance simulated time (false in a room: the facilitator's clock drives it). */
  canAdvance: boolean;
}
