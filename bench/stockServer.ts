/**
 * The baseline: the stock y-websocket server (`@y/websocket-server` 0.1.1, `setupWSConnection`), set up exactly as
 * its own `server.js` does — an HTTP server whose 'upgrade' hands the socket to a `ws` WebSocketServer — with one
 * WebSocket per document, the document name taken from the URL path (`/room/team-3` → `room/team-3`).
 * In memory only (YPERSISTENCE and CALLBACK_URL are left unset by the bench): no authorisation, no validation,
 * no durable writes. Loopback only, port 0; prints `{"event":"listening","port":N,"url":"ws://127.0.0.1:N"}`.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});

server.on('upgrade', (request, socket, head) => {
  const path = new URL(request.url ?? '/', 'http://stock.invalid').pathname;
  const docName = decodeURIComponent(path.slice(1));
  wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request, { docName }));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ event: 'listening', port, url: `ws://127.0.0.1:${port}` })}\n`);
});

const shutdown = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
