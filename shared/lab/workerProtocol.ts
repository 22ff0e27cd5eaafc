/**
 * The lab worker's message protocol, and its handler as a pure object (no `self`, no `postMessage`), so the same
 * code is tested in Node and wrapped by a few lines in a Web Worker:
 *
 *   const handle = createLabHandler();
 *   self.onmessage = (e) => self.postMessage(handle(e.data));
 *
 * Owns: `LabRequest` / `LabResponse` and `createLabHandler`. Requests arrive as `unknown` and are validated;
 * a bad request gets `{ type: 'error', message }`, never an exception. `compare` (DevOps-only vs MLOps on one
 * incident, processComparison.ts) needs no open lab and leaves the open lab as it was.
 */
import { z } from 'zod';
import type { LabState } from './labTypes';
import { compareProcesses, type ComparisonOptionsInput, type ProcessComparison } from './processComparison';
import type { Lineage } from './registry';
import { parseScenario } from './scenarioSchema';
import { replay, type LabSession } from './session';

const requestSchema = z.discriminatedUnion('type', [
  /** (Re)build the lab from the team document: scenario (from the content pack), seed, the ordered actions. */
  z.strictObject({ type: z.literal('open'), scenario: z.unknown(), seed: z.number().int(), actions: z.array(z.unknown()) }),
  /** Actions appended to the team document since the last message, in order. */
  z.strictObject({ type: z.literal('append'), actions: z.array(z.unknown()) }),
  z.strictObject({ type: z.literal('explain'), version: z.number().int(), day: z.number().int(), row: z.number().int() }),
  z.strictObject({ type: z.literal('lineage'), version: z.number().int() }),
  /** DevOps-only vs MLOps on the same scenario, seed and incident (options: processComparison.ts). */
  z.strictObject({ type: z.literal('compare'), scenario: z.unknown(), seed: z.number().int(), options: z.unknown().optional() }),
]);
export type LabRequest = z.infer<typeof requestSchema>;

export type LabResponse =
  | { type: 'state'; state: LabState }
  | { type: 'explanation'; explanation: ReturnType<LabSession['explain']> }
  | { type: 'lineage'; lineage: Lineage | null }
  | { type: 'comparison'; comparison: ProcessComparison }
  | { type: 'error'; message: string };

export function createLabHandler(): (raw: unknown) => LabResponse {
  let session: LabSession | null = null;
  return (raw) => {
    const r = requestSchema.safeParse(raw);
    if (!r.success) return { type: 'error', message: `not a lab request: ${r.error.issues[0]?.message ?? 'invalid'}` };
    const req = r.data;
    if (req.type === 'open') {
      try {
        session = replay(parseScenario(req.scenario), req.seed, req.actions);
      } catch (e) {
        return { type: 'error', message: (e as Error).message };
      }
      return { type: 'state', state: session.state };
    }
    if (req.type === 'compare') {
      try {
        return { type: 'comparison', comparison: compareProcesses(parseScenario(req.scenario), req.seed, (req.options ?? {}) as ComparisonOptionsInput) };
      } catch (e) {
        const issue = e instanceof z.ZodError ? e.issues[0] : undefined;
        return { type: 'error', message: issue ? `comparison options: ${issue.path.join('.')}: ${issue.message}` : (e as Error).message };
      }
    }
    if (!session) return { type: 'error', message: 'open a lab first (no scenario loaded)' };
    if (req.type === 'append') {
      for (const a of req.actions) session.apply(a);
      return { type: 'state', state: session.state };
    }
    if (req.type === 'explain') return { type: 'explanation', explanation: session.explain(req.version, req.day, req.row) };
    return { type: 'lineage', lineage: session.lineage(req.version) };
  };
}
