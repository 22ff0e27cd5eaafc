/**
 * The page's side of the lab worker's conversation, without React or a real Worker (so it is tested in Node against
 * the real engine): what the worker holds, what the UI wants, and the one request in flight.
 *
 * Owns: `LabChannel` — `want()` records the list the store holds now and sends what planSync (labSync.ts) says
 * (`append` with the new actions, or `open`), but only when no request is in flight: changes arriving meanwhile
 * coalesce into the next request. `ask()` queues an explain/lineage question behind the list (so it is answered
 * on the latest state) and resolves with the worker's answer. `receive()` takes the worker's reply; `fail()` ends
 * the channel with a sentence (pending questions are rejected). Messages are `{ id, request }` / `{ id, response }`.
 */
import type { LabState } from '../../../shared/lab/labTypes';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { LabRequest, LabResponse } from '../../../shared/lab/workerProtocol';
import { planSync, type SyncTarget } from './labSync';

export type LabQuestion = Extract<LabRequest, { type: 'explain' | 'lineage' }>;
type Query = { request: LabQuestion; resolve(r: LabResponse): void; reject(e: Error): void };

export interface ChannelEvents {
  state(state: LabState | null): void;
  busy(busy: boolean): void;
  /** A sentence for the user, or null when the last rebuild succeeded. */
  error(message: string | null): void;
}

export class LabChannel {
  private held: SyncTarget | null = null;
  private wanted: { target: SyncTarget; scenario: Scenario; seed: number } | null = null;
  private inFlight: { id: number; sync: SyncTarget | null; query: Query | null } | null = null;
  private queries: Query[] = [];
  private nextId = 1;
  private closed: string | null = null;

  constructor(
    private readonly post: (message: { id: number; request: LabRequest }) => void,
    private readonly on: ChannelEvents,
  ) {}

  want(scenario: Scenario, seed: number, actions: readonly unknown[]): void {
    this.wanted = { target: { key: `${scenario.id}:${seed}`, actions }, scenario, seed };
    if (!this.inFlight && planSync(this.held, this.wanted.target).type !== 'none') this.on.busy(true);
    this.pump();
  }

  ask(request: LabQuestion): Promise<LabResponse> {
    return new Promise((resolve, reject) => {
      if (this.closed !== null) {
        reject(new Error(this.closed));
        return;
      }
      this.queries.push({ request, resolve, reject });
      this.pump();
    });
  }

  receive(message: { id: number; response: LabResponse }): void {
    const current = this.inFlight;
    if (!current || message.id !== current.id) return;
    this.inFlight = null;
    const response = message.response;
    if (current.sync) {
      // Held even after an error, so a list the engine refuses is not re-sent in a loop; the next change retries.
      this.held = current.sync;
      if (response.type === 'state') {
        this.on.state(response.state);
        this.on.error(null);
      } else if (response.type === 'error') {
        this.on.error(`The lab could not be rebuilt from its actions: ${response.message}. Start over, or reload the page.`);
      }
    } else if (current.query) {
      if (response.type === 'error') current.query.reject(new Error(response.message));
      else current.query.resolve(response);
    }
    this.pump();
  }

  /** Ends the channel: `message` is shown, pending questions fail with it, nothing more is sent. */
  fail(message: string, show = true): void {
    if (this.closed !== null) return;
    this.closed = message;
    const pending = [...this.queries, ...(this.inFlight?.query ? [this.inFlight.query] : [])];
    this.queries = [];
    this.inFlight = null;
    if (show) {
      this.on.error(message);
      this.on.busy(false);
    }
    for (const q of pending) q.reject(new Error(message));
  }

  private pump(): void {
    if (this.closed !== null || this.inFlight) return;
    const want = this.wanted;
    const plan = want ? planSync(this.held, want.target) : ({ type: 'none' } as const);
    const id = this.nextId++;
    if (want && plan.type !== 'none') {
      if (this.held?.key !== want.target.key) this.on.state(null);
      const request: LabRequest =
        plan.type === 'open'
          ? { type: 'open', scenario: want.scenario, seed: want.seed, actions: [...want.target.actions] }
          : { type: 'append', actions: plan.actions };
      this.inFlight = { id, sync: want.target, query: null };
      this.on.busy(true);
      this.post({ id, request });
      return;
    }
    this.on.busy(false);
    const query = this.queries.shift();
    if (!query) return;
    this.inFlight = { id, sync: null, query };
    this.post({ id, request: query.request });
  }
}
