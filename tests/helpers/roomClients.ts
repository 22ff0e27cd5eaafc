/**
 * Node room clients for tests and benchmarks: the shared RoomClient (the code browsers run) over `ws`, with the
 * in-memory device storage. Plus small polling helpers.
 */
import WebSocket from 'ws';
import { RoomClient, type ClientSocket, type RoomClientOptions } from '../../shared/sync/roomClient';
import { MemoryStorage, type ClientStorage } from '../../shared/sync/storage';

export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`;
}

export function hostKeyOf(facilitatorUrl: string): string {
  return new URL(facilitatorUrl).hash.replace(/^#key=/, '');
}

export function connectClient(httpUrl: string, room: string, options: Partial<RoomClientOptions> & { storage?: ClientStorage } = {}): RoomClient {
  return new RoomClient({
    url: wsUrl(httpUrl),
    room,
    createSocket: (url) => new WebSocket(url) as unknown as ClientSocket,
    storage: options.storage ?? new MemoryStorage(),
    backoffMs: 50,
    ...options,
  });
}

/** Polls until `condition` holds; the timeout only bounds a hang (generous: a busy machine must not fail a test). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function online(client: RoomClient): Promise<void> {
  await waitFor(() => client.status === 'online', `client online (status ${client.status}, last error ${client.lastError?.message})`);
}

let groupCommands = 0;

/**
 * The facilitator sets these exact groups through the host's group commands (the `groups` document is host-owned):
 * removes the groups there are, creates these, places each member. Resolves once the host acknowledged all of it.
 */
export async function placeGroups(facilitator: RoomClient, groups: { id: string; name: string; members: string[]; shared?: boolean; open?: boolean; capacity?: number }[]): Promise<void> {
  await facilitator.whenSynced('groups');
  const send = (command: Parameters<RoomClient['command']>[1]) => facilitator.command(`place-groups-${++groupCommands}-${Date.now()}`, command);
  for (const id of facilitator.doc('groups').getMap('groups').keys()) send({ cmd: 'remove-group', teamId: id });
  for (const g of groups) {
    send({ cmd: 'create-group', teamId: g.id, name: g.name, ...(g.open !== undefined ? { open: g.open } : {}), ...(g.capacity !== undefined ? { capacity: g.capacity } : {}) });
    for (const m of g.members) send({ cmd: 'move-learner', learnerId: m, teamId: g.id });
    if (g.shared) send({ cmd: 'update-group', teamId: g.id, shared: true });
  }
  await waitFor(() => facilitator.pendingCount === 0, 'groups placed');
}
