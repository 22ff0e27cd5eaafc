/**
 * Runs the desktop app's host entry (electron/main/hostProcess.ts) in a plain Node child, standing in for Electron's
 * utility process: `process.parentPort` is built on Node's fork IPC (messages arrive as `{ data }`, as Electron's
 * MessageEvent has them), so the host's side of the main ⇄ host messages is tested without the Electron binary.
 */
import { EventEmitter } from 'node:events';

const port = new EventEmitter() as EventEmitter & { postMessage(message: unknown): void };
port.postMessage = (message) => process.send?.(message);
process.on('message', (data) => port.emit('message', { data, ports: [] }));
(process as unknown as { parentPort: typeof port }).parentPort = port;
await import('../../electron/main/hostProcess');
