/**
 * The real headless host as a child process that can be SIGKILLed and started again on the same data folder and
 * the same port (so clients reconnect to the URL they know), resuming its session by title: same room code, same
 * host key, same learners. Loopback and --no-discovery only, like every test host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListeningLine } from './hostProcess';
import { startServerChild, type ServerChild } from './serverChild';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export class RestartableHost {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'wk-restartable-host-'));
  child: ServerChild<ListeningLine> | null = null;
  /** 0 until the first start, which picks a free port; every restart then asks for that one. */
  port = 0;
  /** What the host processes stopped so far wrote on stderr (its reports: slow loads, documents set aside, ...). */
  private pastStderr = '';

  constructor(private readonly session: string) {}

  /** Starts the host (again) and resolves with its listening line. */
  async start(): Promise<ListeningLine> {
    const args = ['--import', 'tsx', 'electron/host/cli.ts', '--port', String(this.port), '--bind', '127.0.0.1', '--no-discovery'];
    args.push('--data', this.dataDir, '--session', this.session);
    // The set test's documents (room/set-a, team/<id>/set, room/barrier-N) are its own, beyond the room's fixed list.
    args.push('--extra-docs', 'room/*,team/*/set');
    for (let attempt = 1; ; attempt++) {
      try {
        // Opening vets each large stored document's load in a worker, on CPU time: on a machine busy elsewhere that
        // (and tsx) takes longer than the usual 30 s; slowness is not a failure of the set test.
        this.child = await startServerChild<ListeningLine>('host', args, { cwd: repoRoot, timeoutMs: 120_000 });
        this.port = this.child.line.port;
        return this.child.line;
      } catch (error) {
        // A killed host's port is free at once on Linux (the host's listener reuses the address); retry in case not.
        if (attempt >= 5 || !/already in use/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  /** Every host process's stderr lines so far (those stopped, then the running one), in order. */
  stderrLines(): string[] {
    return (this.pastStderr + (this.child?.stderr() ?? '')).split('\n').filter((l) => l.trim() !== '');
  }

  /** SIGKILL: no shutdown, no flush; resolves once the process is gone. */
  async kill(): Promise<void> {
    await this.child?.stop('SIGKILL');
    this.pastStderr += this.child?.stderr() ?? '';
    this.child = null;
  }

  /** Stops the host if it runs (SIGTERM) and deletes its data folder unless `keepData`. */
  async close(keepData = false): Promise<void> {
    await this.child?.stop('SIGTERM');
    this.pastStderr += this.child?.stderr() ?? '';
    this.child = null;
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
