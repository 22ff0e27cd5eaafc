/**
 * Starts a server as a child process (our host, or the stock y-websocket server) and waits for the one JSON line
 * it prints on stdout when it listens. The child's stderr is kept for error reports. Used by the tests (through
 * hostProcess.ts) and the benchmarks alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerChild<Line> {
  proc: ChildProcess;
  pid: number;
  line: Line;
  stderr(): string;
  /** Sends `signal` (SIGTERM by default), then SIGKILL after `graceMs`; resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export function startServerChild<Line>(
  label: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; command?: string } = {},
): Promise<ServerChild<Line>> {
  const proc = spawn(options.command ?? process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(
        new Error(
          `${label} did not print its listening line within ${options.timeoutMs ?? 30_000} ms.\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 30_000);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`${label} exited (${code ?? signal}) before listening.\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
    proc.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (listening || !stdout.includes('\n')) return;
      listening = true;
      clearTimeout(timer);
      const first = stdout.slice(0, stdout.indexOf('\n'));
      let line: Line;
      try {
        line = JSON.parse(first) as Line;
      } catch (error) {
        proc.kill('SIGKILL');
        reject(new Error(`${label}: the first stdout line is not JSON: ${first} (${(error as Error).message})`));
        return;
      }
      resolve({
        proc,
        pid: proc.pid!,
        line,
        stderr: () => stderr,
        stop: async (signal = 'SIGTERM', graceMs = 5000) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
          proc.kill(signal);
          const kill = setTimeout(() => proc.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(kill);
          return code;
        },
      });
    });
  });
}
