/**
 * Owns: the Web Worker of the DevOps-only vs MLOps page (/kit/lab/compare). It runs the lab's own request handler
 * (shared/lab/workerProtocol.ts): a `compare` request replays two teams through 60-odd simulated days (a few
 * seconds), so it runs here and the page never freezes. Separate from the lab's main worker (labWorker.ts).
 */
import { createLabHandler } from '../../../shared/lab/workerProtocol';

const handle = createLabHandler();
self.onmessage = (e: MessageEvent<unknown>) => {
  self.postMessage(handle(e.data));
};
