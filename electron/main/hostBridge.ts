/**
 * Main's handle on the host process (hostProcess.ts, forked as an Electron utility process): starts it and waits
 * until it serves, sends it requests and matches the answers by id, stops it, and reports when it exits on its own.
 *
 * Owns: the host's life seen from main. A host that dies (a crash, an out-of-memory kill) fails the requests in
 * flight with a sentence the window shows and calls `onExit`; main then starts another (index.ts). Main's UI thread
 * never runs host code, so a fault there cannot freeze or close the facilitator's window.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import { parseFromHost, type HostInit, type HostRequestKind, type HostRequests, type ToHost } from './hostMessages';

/** How long the host may take to load the content pack and listen before main gives up on it. */
const START_TIMEOUT_MS = 60_000;

export class HostBridge {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited = false;
  private stopping = false;
  private exitListener: ((code: number) => void) | null = null;

  private constructor(
    private readonly child: UtilityProcess,
    /** The loopback URL the windows load. */
    readonly url: string,
    readonly pid: number,
  ) {
    child.on('message', (data: unknown) => {
      const message = parseFromHost(data);
      if (message?.type !== 'reply') return;
      const pending = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(message.message));
    });
    child.on('exit', (code: number) => {
      this.exited = true;
      for (const pending of this.waiting.values())
        pending.reject(new Error(`the room host stopped (exit code ${code}); it is being restarted: try again`));
      this.waiting.clear();
      if (!this.stopping) this.exitListener?.(code);
    });
  }

  /** Forks the host and resolves once it serves its loopback origin. */
  static start(modulePath: string, init: HostInit): Promise<HostBridge> {
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'Workshop Kit host', stdio: 'inherit' });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error('the room host did not start in time'));
      }, START_TIMEOUT_MS);
      const onMessage = (data: unknown) => {
        const message = parseFromHost(data);
        if (message?.type === 'listening') {
          child.postMessage({ type: 'init', init } satisfies ToHost);
        } else if (message?.type === 'ready') {
          done();
          resolve(new HostBridge(child, message.url, child.pid ?? message.pid));
        } else if (message?.type === 'failed') {
          done();
          reject(new Error(`the room host could not start: ${message.message}`));
        }
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`the room host stopped at start (exit code ${code})`));
      };
      const done = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  }

  /** Called once if the host exits without being asked to. */
  onExit(listener: (code: number) => void): void {
    this.exitListener = listener;
  }

  request<K extends HostRequestKind>(kind: K, request: HostRequests[K]['request']): Promise<HostRequests[K]['response']> {
    if (this.exited) return Promise.reject(new Error('the room host is not running: try again in a moment'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.postMessage({ type: 'request', id, kind, request } as ToHost);
    });
  }

  /** Asks the host to close its sessions and exit; kills it if it has not within `graceMs`. */
  stop(graceMs = 3000): Promise<void> {
    this.stopping = true;
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill(), graceMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.postMessage({ type: 'stop' } satisfies ToHost);
    });
  }
}
