/**
 * The desktop app's host, in its own process: an Electron utility process forked by main (hostBridge.ts), so a fault
 * in the host (a crash, an exhausted heap, a stalled event loop) never takes the facilitator's window down — main
 * sees the process exit and starts another on the same loopback port.
 *
 * Owns: the loopback host the app's windows load (the window's own origin), the sessions on disk, and on "Host a
 * session" the LAN host and its DNS-SD advertisement; "Sessions nearby" browses from here too. It talks to main only
 * through `process.parentPort` messages (hostMessages.ts) and never imports `electron`: it is plain Node.
 */
import { loadContentDir } from '../host/contentLoader';
import { DEFAULT_PORT } from '../host/defaults';
import { advertise, browse, type Advertisement } from '../host/discovery';
import { startHost, type HostOptions, type RunningHost } from '../host/httpServer';
import { SessionManager } from '../host/room/sessions';
import type { HostedSession, NearbySession } from '../../shared/ipc/contract';
import type { FromHost, HostInit, ToHost } from './hostMessages';

const parent = process.parentPort;
let init: HostInit | null = null;
let base: Omit<HostOptions, 'port' | 'bind'> | null = null;
let sessions: SessionManager | null = null;
let localHost: RunningHost | null = null;
let lanHost: RunningHost | null = null;
let advertisement: Advertisement | null = null;

function post(message: FromHost): void {
  parent.postMessage(message);
}

/** The console's server is loopback-only: its room preflight is the LAN server's (none until a session is hosted). */
const consoleSide: Pick<HostOptions, 'preflightVia'> = { preflightVia: () => lanHost?.preflight() ?? null };

async function start(options: HostInit): Promise<void> {
  init = options;
  const content = await loadContentDir(options.contentDir);
  sessions = new SessionManager(options.dataDir);
  base = {
    rendererDir: options.rendererDir,
    contentDir: options.contentDir,
    content,
    sessions,
    discovery: () =>
      advertisement
        ? { advertising: true, detail: 'advertising the session on the LAN (mDNS)' }
        : { advertising: false, detail: init?.discovery ? 'off: no session hosted yet' : 'off (discovery disabled)' },
  };
  try {
    localHost = await startHost({ ...base, ...consoleSide, port: options.localPort, bind: '127.0.0.1' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.localPort === 0) throw error;
    localHost = await startHost({ ...base, ...consoleSide, port: 0, bind: '127.0.0.1' });
  }
  post({ type: 'ready', url: localHost.url, pid: process.pid });
}

async function startLanHost(): Promise<RunningHost> {
  try {
    return await startHost({ ...base!, bind: '0.0.0.0', port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startHost({ ...base!, bind: '0.0.0.0', port: 0 });
  }
}

async function hostSession(title: string): Promise<HostedSession> {
  if (!base) throw new Error('the room host is still starting: try again in a moment');
  lanHost ??= await startLanHost();
  const room = sessions!.resumeByTitle(title) ?? sessions!.create(title);
  await advertisement?.stop().catch(() => undefined);
  advertisement = init!.discovery && lanHost.lanUrls.length > 0 ? advertise({ title, code: room.meta.code, port: lanHost.port }) : null;
  const bases = lanHost.lanUrls.length > 0 ? lanHost.lanUrls : [lanHost.url];
  return {
    code: room.meta.code,
    title,
    joinUrls: bases.map((u) => `${u}join/${room.meta.code}`),
    consolePath: `/console/${room.meta.code}#key=${sessions!.hostKey}`,
    discovery: advertisement !== null,
  };
}

/** "End session" from the app menu: what the console's End button does (SessionManager.end), and no more advertising. */
async function endSession(code: string): Promise<{ ended: boolean }> {
  const room = sessions?.byCode(code);
  if (!room) return { ended: false };
  const wasOpen = !room.ended;
  sessions!.end(room.meta.id);
  await advertisement?.stop().catch(() => undefined);
  advertisement = null;
  return { ended: wasOpen };
}

async function sessionsNearby(): Promise<NearbySession[]> {
  if (!init?.discovery) return [];
  const found = await browse({ timeoutMs: 2000 });
  return found.map((s) => ({ title: s.title, code: s.code, urls: s.urls }));
}

/** Closes the hosts (each closes the sessions: every acknowledged edit is already on disk), then exits. */
async function stop(): Promise<void> {
  setTimeout(() => process.exit(0), 3000).unref();
  await advertisement?.stop().catch(() => undefined);
  await Promise.allSettled([lanHost?.close(), localHost?.close()]);
  post({ type: 'stopped' });
  process.exit(0);
}

parent.on('message', (event) => {
  const message = event.data as ToHost;
  switch (message.type) {
    case 'init':
      if (init) return;
      start(message.init).catch((error: unknown) => {
        post({ type: 'failed', message: (error as Error).message });
        process.exit(1);
      });
      return;
    case 'request': {
      const work: Promise<unknown> =
        message.kind === 'host:start' ? hostSession(message.request.title) : message.kind === 'host:end' ? endSession(message.request.code) : sessionsNearby();
      work.then(
        (value) => post({ type: 'reply', id: message.id, ok: true, value }),
        (error: unknown) => post({ type: 'reply', id: message.id, ok: false, message: (error as Error).message }),
      );
      return;
    }
    case 'stop':
      void stop();
      return;
  }
});
post({ type: 'listening' });
