/**
 * Starts the real headless host as a child process and waits for its listening line, the way a user or another
 * tool would. Tests always pass --no-discovery and bind to loopback; each host gets a fresh data folder.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerChild } from './serverChild';

export interface ListeningLine {
  event: 'listening';
  url: string;
  lanUrls: string[];
  port: number;
  [key: string]: unknown;
}

export interface HostProcess {
  line: ListeningLine;
  url: string;
  proc: ChildProcess;
  stderr: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  args?: string[];
  /** Run through `npm run host --` (the documented command) instead of node directly. */
  viaNpm?: boolean;
  timeoutMs?: number;
}

export async function startHostProcess(options: StartOptions = {}): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wk-host-data-'));
  const args = ['--port', '0', '--bind', '127.0.0.1', '--no-discovery', '--data', dataDir, ...(options.args ?? [])];
  const child = options.viaNpm
    ? await startServerChild<ListeningLine>('npm run host', ['run', '-s', 'host', '--', ...args], { command: 'npm', timeoutMs: options.timeoutMs })
    : await startServerChild<ListeningLine>('host', ['--import', 'tsx', 'electron/host/cli.ts', ...args], { timeoutMs: options.timeoutMs });
  return { line: child.line, url: child.line.url, proc: child.proc, stderr: child.stderr, stop: (signal) => child.stop(signal) };
}

/** A port free on loopback right now, for a host that must come back on the same address after a restart. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
