/**
 * One client thread of `bench:room` (a worker thread started by room.ts): it connects its share of the learners
 * (whole teams; and the facilitator in thread 0) to the server under test — our RoomClient or the minimal
 * y-websocket client — waits until they are synced, runs the workload on the timeline the main thread sends, and
 * posts its result. With 200 learners one thread is not enough: receiving ~8,000 updates a second (Yjs applying
 * them, ws, garbage collection) took a whole core, and the clients' own delays then dominated both servers'
 * latencies; spread over threads (`--workers`), each has room to spare.
 *
 * Messages, main → thread: {type:'start', timeline} then {type:'close'}.
 * Thread → main: {type:'synced'}, {type:'second', report} each measured second, {type:'result', result, dropped},
 * {type:'closed'}.
 */
import type { Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import type { ClientSocket } from '../shared/sync/roomClient';
import { connectClient } from '../tests/helpers/roomClients';
import { StockClient } from './stockClient';
import { runWorkload, sourceAddress, teamDoc, teamOf, type Peer, type SecondReport, type Timeline, type WorkloadResult } from './workload';

export interface ClientThreadSetup {
  kind: 'ours' | 'stock';
  label: string;
  /** Ours: the host's http URL; stock: the server's ws URL. */
  url: string;
  /** Ours: the room code. */
  room: string;
  /** Ours: the host key, for the facilitator. */
  hostKey: string;
  /** This thread's learners, by index in the whole room. */
  learners: number[];
  /** Whether the facilitator (the clock) is in this thread. */
  facilitator: boolean;
  teams: number;
  seconds: number;
  seed: number;
  updatesPerSecond: number;
  tickMs: number;
  drainMs: number;
}

export type ToThread = { type: 'start'; timeline: Timeline } | { type: 'close' };
export type FromThread =
  | { type: 'synced' }
  | { type: 'second'; report: SecondReport }
  | { type: 'result'; result: WorkloadResult; dropped: number }
  | { type: 'closed' };

/**
 * Our client over `ws`, counting the bytes its sockets write (the HTTP upgrade, every frame and its mask);
 * `localAddress` is the source address of its sockets (sourceAddress(), the same as the stock run's).
 */
function roomPeer(url: string, room: string, options: { name?: string; profile?: string; secret?: string }, localAddress?: string): Peer {
  const sockets: Socket[] = [];
  const client = connectClient(url, room, {
    ...options,
    createSocket: (socketUrl) => {
      const ws = new WebSocket(socketUrl, localAddress ? { localAddress } : {});
      ws.on('upgrade', (response) => sockets.push(response.socket as Socket));
      return ws as unknown as ClientSocket;
    },
  });
  return {
    doc: (name) => client.doc(name),
    whenSynced: (name) => client.whenSynced(name),
    bytesWritten: () => sockets.reduce((sum, s) => sum + s.bytesWritten, 0),
    pending: () => client.pendingCount,
    close: () => client.close(),
  };
}

function stockPeer(client: StockClient): Peer {
  return {
    doc: (name) => client.doc(name),
    whenSynced: (name) => client.whenSynced(name),
    bytesWritten: () => client.bytesWritten(),
    pending: () => 0,
    close: () => client.close(),
  };
}

async function main(): Promise<void> {
  const port = parentPort!;
  const setup = workerData as ClientThreadSetup;
  const post = (message: FromThread) => port.postMessage(message);
  const stockClients: StockClient[] = [];
  const newPeer = (learner: number | null): Peer => {
    if (setup.kind === 'stock') {
      const client = new StockClient(setup.url, learner === null ? undefined : sourceAddress(learner));
      stockClients.push(client);
      return stockPeer(client);
    }
    return learner === null
      ? roomPeer(setup.url, setup.room, { secret: setup.hostKey })
      : roomPeer(setup.url, setup.room, { name: `Learner ${learner + 1}`, profile: 'devops-sre' }, sourceAddress(learner));
  };
  const facilitator = setup.facilitator ? newPeer(null) : null;
  const learners = setup.learners.map((index) => ({ index, peer: newPeer(index) }));
  const everyone = [...(facilitator ? [facilitator] : []), ...learners.map((l) => l.peer)];

  await Promise.all([
    ...learners.flatMap(({ index, peer }) => [peer.whenSynced(teamDoc(teamOf(index, setup.teams))), peer.whenSynced('session')]),
    ...(facilitator ? [facilitator.whenSynced('session')] : []),
  ]);
  post({ type: 'synced' });

  port.on('message', (message: ToThread) => {
    if (message.type === 'start') {
      void runWorkload({
        label: setup.label,
        learners,
        facilitator,
        teams: setup.teams,
        timeline: message.timeline,
        seconds: setup.seconds,
        seed: setup.seed,
        updatesPerSecond: setup.updatesPerSecond,
        tickMs: setup.tickMs,
        drainMs: setup.drainMs,
        onSecond: (report) => post({ type: 'second', report }),
      }).then((result) => post({ type: 'result', result, dropped: stockClients.reduce((sum, c) => sum + c.droppedSockets(), 0) }));
    } else {
      for (const peer of everyone) peer.close();
      post({ type: 'closed' });
    }
  });
}

// A failure (a client that never syncs, an exception) rejects: the main thread gets it as the worker's 'error'.
void main();
