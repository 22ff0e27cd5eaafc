/**
 * Starts the real headless host as a child process and waits for its listening line, the way a user or another
 * tool would. Tests always pass --no-discovery and bind to loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export function startHostProcess(options: StartOptions = {}): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wk-host-data-'));
  const args = ['--port', '0', '--bind', '127.0.0.1', '--no-discovery', '--data', dataDir, ...(options.args ?? [])];
  const proc = options.viaNpm
    ? spawn('npm', ['run', '-s', 'host', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`host did not print its listening line in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`host exited with ${code} before listening.\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
    proc.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const first = stdout.split('\n')[0];
      if (listening || !stdout.includes('\n') || !first) return;
      listening = true;
      clearTimeout(timer);
      try {
        const line = JSON.parse(first) as ListeningLine;
        resolve({
          line,
          url: line.url,
          proc,
          stderr: () => stderr,
          stop: async (signal = 'SIGTERM') => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            return exited;
          },
        });
      } catch (error) {
        reject(new Error(`the first stdout line is not JSON: ${first} (${(error as Error).message})`));
      }
    });
  });
}
