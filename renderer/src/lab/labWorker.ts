/**
 * The lab's Web Worker: the engine (shared/lab) runs here so training and simulating days never freeze the UI.
 *
 * Owns: nothing but the wiring — every message goes to `createLabHandler()` (shared/lab/workerProtocol.ts), which
 * validates it and answers with a state, an explanation, a lineage or an error; each answer is posted back with
 * the request's `id` so the page (useLabEngine.ts) can match it. Started with
 * `new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module' })`.
 */
import { createLabHandler } from '../../../shared/lab/workerProtocol';

interface Envelope {
  id: number;
  request: unknown;
}

const handle = createLabHandler();
const scope = self as unknown as { onmessage: ((e: MessageEvent<Envelope>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (e) => {
  const { id, request } = e.data;
  let response;
  try {
    response = handle(request);
  } catch (error) {
    response = { type: 'error' as const, message: `the lab engine failed: ${(error as Error).message}` };
  }
  scope.postMessage({ id, response });
};
