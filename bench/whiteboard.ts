/**
 * `npm run bench:whiteboard -- --collaborators 10 --elements 2000`
 *
 * Simulated collaborators draw on one board through the same sync path as the app: the shared RoomClient over
 * `ws` to a real host (loopback, --no-discovery), the board as one Yjs map entry per element (shared/sync/boardSync.ts,
 * merged with shared/room/elementMerge.ts). Each stroke is a new freehand element of 24 points, or an edit (a move)
 * of one of the collaborator's own elements. Measures, for every (stroke, other collaborator) pair, the time from
 * the stroke to its arrival; the bytes each stroke costs upstream (WebSocket payloads sent by the drawing client);
 * what broadcasting the full scene per stroke would cost instead (Excalidraw's own collaboration sends whole
 * scenes); and whether every replica ends identical. Prints one JSON line last:
 *   {"collaborators":10,"elements":2000,"p95_ms":…,"bytesPerStroke":…,"converged":true,…}
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { BoardElement } from '../shared/room/elementMerge';
import { RoomClient, type ClientSocket } from '../shared/sync/roomClient';
import { BoardSync } from '../shared/sync/boardSync';
import { MemoryStorage } from '../shared/sync/storage';
import { startHostProcess } from '../tests/helpers/hostProcess';
import { waitFor, wsUrl } from '../tests/helpers/roomClients';
import { benchCli } from './cli';
import { percentile } from './workload';

const USAGE = `Usage: npm run bench:whiteboard -- [options]
  --collaborators N  simulated collaborators drawing on one board (default 10, at least 2)
  --elements N       elements on the board when they stop (default 2000)
  --stroke-ms MS     each collaborator draws a stroke every MS ms (default 50)`;
const cli = benchCli('bench:whiteboard', USAGE);
const values = cli.parse(
  () =>
    parseArgs({
      options: {
        collaborators: { type: 'string', default: '10' },
        elements: { type: 'string', default: '2000' },
        'stroke-ms': { type: 'string', default: '50' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const collaborators = cli.number('collaborators', values.collaborators, 2);
const targetElements = cli.number('elements', values.elements, 1);
const strokeMs = cli.number('stroke-ms', values['stroke-ms'], 1, false);
const log = (line: string) => process.stderr.write(`${line}\n`);

function stroke(id: string, seed: number, version: number): BoardElement {
  const points = Array.from({ length: 24 }, (_, i) => [Math.round(Math.sin(seed + i) * 40 + i * 3), Math.round(Math.cos(seed * 2 + i) * 25)]);
  return {
    id, version, versionNonce: (seed * 7919 + version * 104729) % 2147483647, type: 'freedraw', x: (seed * 37) % 1600, y: (seed * 53) % 900,
    width: 120, height: 60, angle: 0, strokeColor: '#1e1e1e', backgroundColor: 'transparent', fillStyle: 'solid', strokeWidth: 2,
    roughness: 1, opacity: 100, points, pressures: [], simulatePressure: true, isDeleted: false, updated: Date.now(),
  };
}

const host = await startHostProcess({ args: ['--session', 'Whiteboard bench'] });
const room = host.line.room as string;
const sent: number[] = [];
const clients: RoomClient[] = [];
const boards: BoardSync[] = [];
const sendTimes = new Map<string, number>();
const latencies: number[] = [];
for (let i = 0; i < collaborators; i++) {
  const index = i;
  sent[index] = 0;
  const client = new RoomClient({
    url: wsUrl(host.url),
    room,
    storage: new MemoryStorage(),
    name: `Drawer ${i}`,
    createSocket: (url) => {
      const ws = new WebSocket(url);
      const send = ws.send.bind(ws);
      // Count what this collaborator puts on the wire (payload bytes of every frame).
      (ws as unknown as { send: (d: string | Uint8Array) => void }).send = (d) => {
        sent[index]! += typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength;
        send(d);
      };
      return ws as unknown as ClientSocket;
    },
  });
  clients.push(client);
}
await Promise.all(clients.map((c) => c.whenSynced('room/brainstorm')));
clients.forEach((c, i) => {
  const board = new BoardSync(c.doc('room/brainstorm'));
  boards.push(board);
  board.onRemoteChange((ids) => {
    const now = performance.now();
    for (const id of ids) {
      const el = boards[i]!.element(id);
      const t = el ? sendTimes.get(`${id}@${el.version}`) : undefined;
      if (t !== undefined && !id.startsWith(`c${i}-`)) latencies.push(now - t);
    }
  });
});
log(`bench:whiteboard: ${collaborators} collaborators joined room ${room}; drawing ${targetElements} elements`);

const before = sent.map((b) => b);
let strokes = 0;
let fullSceneBytes = 0;
const mine: BoardElement[][] = clients.map(() => []);
// Size of the whole scene as JSON, kept incrementally (serialising 2,000 elements per stroke would load this very
// process and distort the latencies it measures).
const elementBytes = new Map<string, number>();
let sceneBytes = 2;
const started = performance.now();
let created = 0;
while (created < targetElements) {
  await Promise.all(
    clients.map(async (_, i) => {
      if (created >= targetElements) return;
      const own = mine[i]!;
      let el: BoardElement;
      if (own.length > 0 && strokes % 4 === 3) {
        const prev = own[strokes % own.length]!;
        el = { ...prev, version: prev.version + 1, versionNonce: (prev.versionNonce * 31 + 7) % 2147483647, x: (prev.x as number) + 5 };
        own[own.indexOf(prev)] = el;
      } else {
        el = stroke(`c${i}-${own.length}`, created + i * 1000, 1);
        own.push(el);
        created++;
      }
      strokes++;
      sendTimes.set(`${el.id}@${el.version}`, performance.now());
      boards[i]!.pushLocal([el]);
      // What a full-scene broadcast would have sent instead: the whole scene, as JSON.
      const size = Buffer.byteLength(JSON.stringify(el)) + 1;
      sceneBytes += size - (elementBytes.get(el.id) ?? 0);
      elementBytes.set(el.id, size);
      fullSceneBytes += sceneBytes;
    }),
  );
  await new Promise((r) => setTimeout(r, strokeMs));
}
await waitFor(() => clients.every((c) => c.pendingCount === 0), 'all strokes acknowledged', 30_000);
await waitFor(() => boards.every((b) => b.elements().length === boards[0]!.elements().length), 'replicas complete', 10_000).catch(() => undefined);
const seconds = (performance.now() - started) / 1000;
const upstream = sent.reduce((sum, b, i) => sum + b - before[i]!, 0);
const first = JSON.stringify(boards[0]!.elements());
const converged = boards.every((b) => JSON.stringify(b.elements()) === first);
latencies.sort((a, b) => a - b);
const bytesPerStroke = Math.round(upstream / strokes);
const fullScenePerStroke = Math.round(fullSceneBytes / strokes);
log(`bench:whiteboard: ${strokes} strokes in ${seconds.toFixed(1)} s, ${latencies.length} deliveries; p50 ${percentile(latencies, 50).toFixed(2)} ms p95 ${percentile(latencies, 95).toFixed(2)} ms; ${bytesPerStroke} B/stroke vs ${fullScenePerStroke} B for a full scene`);
for (const c of clients) c.close();
await host.stop();
console.log(
  JSON.stringify({
    collaborators,
    elements: boards[0]!.elements().length,
    p95_ms: Math.round(percentile(latencies, 95) * 100) / 100,
    p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    bytesPerStroke,
    fullSceneBytesPerStroke: fullScenePerStroke,
    ratioToFullScene: Math.round((bytesPerStroke / fullScenePerStroke) * 10_000) / 10_000,
    converged,
    strokes,
    deliveries: latencies.length,
    seconds: Math.round(seconds * 10) / 10,
  }),
);
process.exit(converged ? 0 : 1);
