/**
 * A minimal y-websocket client for the stock server, speaking the y-websocket protocol as its `WebsocketProvider`
 * does: one WebSocket per document, messageSync (0) frames carrying y-protocols sync messages — sync step 1 on open,
 * step 2 in reply to the server's step 1, every local update as an update message — and awareness (1) ignored.
 * No reconnect, no resync timer, no awareness: the bench needs none of them, and they would only add traffic.
 */
import type { Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';

const messageSync = 0;

/** One document over its own WebSocket, as `new WebsocketProvider(url, name, doc)` would keep it (from `localAddress` if given). */
export class StockDocConnection {
  readonly synced: Promise<void>;
  private markSynced: () => void = () => undefined;
  private readonly ws: WebSocket;
  private socket: Socket | null = null;
  private closed = false;
  /** The socket closed before the bench closed it. */
  dropped = false;

  constructor(
    serverUrl: string,
    readonly name: string,
    readonly doc: Y.Doc,
    localAddress?: string,
  ) {
    this.synced = new Promise((resolve) => (this.markSynced = resolve));
    this.ws = new WebSocket(`${serverUrl}/${name}`, localAddress ? { localAddress } : {});
    this.ws.binaryType = 'arraybuffer';
    this.ws.on('upgrade', (response) => (this.socket = response.socket as Socket));
    this.ws.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, doc);
      this.ws.send(encoding.toUint8Array(encoder));
    });
    this.ws.on('message', (data: ArrayBuffer) => this.onMessage(new Uint8Array(data)));
    this.ws.on('close', () => {
      if (!this.closed) this.dropped = true;
    });
    this.ws.on('error', () => undefined);
    doc.on('update', this.onUpdate);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeUpdate(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  };

  private onMessage(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== messageSync) return; // awareness, auth, query-awareness: ignored
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    const type = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
    if (type === syncProtocol.messageYjsSyncStep2) this.markSynced();
  }

  /** Bytes this client has written to the server on this socket (HTTP upgrade, frames, masks, pongs). */
  bytesWritten(): number {
    return this.socket?.bytesWritten ?? 0;
  }

  close(): void {
    this.closed = true;
    this.doc.off('update', this.onUpdate);
    this.ws.close();
  }
}

/** One participant of the stock-server run: a Y.Doc and a WebSocket per document it uses. */
export class StockClient {
  private readonly connections = new Map<string, StockDocConnection>();

  /** `localAddress`: the source address of this client's sockets (bench/workload.ts's sourceAddress). */
  constructor(
    private readonly serverUrl: string,
    private readonly localAddress?: string,
  ) {}

  doc(name: string): Y.Doc {
    let connection = this.connections.get(name);
    if (!connection) {
      connection = new StockDocConnection(this.serverUrl, name, new Y.Doc(), this.localAddress);
      this.connections.set(name, connection);
    }
    return connection.doc;
  }

  whenSynced(name: string): Promise<void> {
    this.doc(name);
    return this.connections.get(name)!.synced;
  }

  bytesWritten(): number {
    let total = 0;
    for (const connection of this.connections.values()) total += connection.bytesWritten();
    return total;
  }

  droppedSockets(): number {
    return [...this.connections.values()].filter((c) => c.dropped).length;
  }

  close(): void {
    for (const connection of this.connections.values()) connection.close();
  }
}
