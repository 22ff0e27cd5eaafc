/**
 * The room this page is in, if any: one RoomClient per tab (browser WebSocket + Dexie), shared by every page so
 * a learner can wander through the kit and come back without reconnecting. Hooks re-render on document changes.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { RoomClient, type ClientSocket, type ConnectionStatus } from '../../../shared/sync/roomClient';
import { deviceStorage } from './dexieStorage';
import { registerOfflineReload } from '../platform/offlineReload';

export interface JoinRequest {
  code: string;
  secret?: string;
  name?: string;
  profile?: string;
  rejoinCode?: string;
}

interface RoomContextValue {
  client: RoomClient | null;
  join(request: JoinRequest): RoomClient;
  leave(): void;
}

const RoomContext = createContext<RoomContextValue | null>(null);
const CURRENT = 'workshop-kit:current-room';

function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

function createClient(request: JoinRequest): RoomClient {
  return new RoomClient({
    url: socketUrl(),
    room: request.code,
    createSocket: (url) => new WebSocket(url) as unknown as ClientSocket,
    storage: deviceStorage,
    ...(request.secret ? { secret: request.secret } : {}),
    ...(request.name ? { name: request.name } : {}),
    ...(request.profile ? { profile: request.profile } : {}),
    ...(request.rejoinCode ? { rejoinCode: request.rejoinCode } : {}),
  });
}

export function RoomProvider({ children }: { children: ReactNode }) {
  const [client, setClient] = useState<RoomClient | null>(null);
  const current = useRef<{ key: string; client: RoomClient } | null>(null);

  const join = useCallback((request: JoinRequest) => {
    const key = `${request.code}|${request.secret ? 'facilitator' : 'learner'}`;
    if (current.current?.key === key) return current.current.client;
    current.current?.client.close();
    const created = createClient(request);
    current.current = { key, client: created };
    setClient(created);
    // Tab-scoped: a reload rejoins; the learner's identity itself lives in IndexedDB.
    sessionStorage.setItem(CURRENT, JSON.stringify({ code: request.code, ...(request.secret ? { secret: request.secret } : {}) }));
    return created;
  }, []);

  const leave = useCallback(() => {
    sessionStorage.removeItem(CURRENT);
    current.current?.client.close();
    current.current = null;
    setClient(null);
  }, []);

  // A reload resumes the room this tab was in.
  useEffect(() => {
    const saved = sessionStorage.getItem(CURRENT);
    if (!saved || current.current) return;
    try {
      join(JSON.parse(saved) as JoinRequest);
    } catch {
      sessionStorage.removeItem(CURRENT);
    }
  }, [join]);

  // In the room: now the service worker may download the app for offline reloads (platform/offlineReload.ts).
  useEffect(() => {
    if (!client) return;
    if (client.status === 'online') registerOfflineReload();
    return client.on('status', (status) => {
      if (status === 'online') registerOfflineReload();
    });
  }, [client]);

  // Laptop Wi-Fi off / on: tell the client at once rather than waiting for the socket to time out.
  useEffect(() => {
    if (!client) return;
    const offline = () => client.setNetworkAvailable(false);
    const online = () => client.setNetworkAvailable(true);
    if (!navigator.onLine) offline();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, [client]);

  const value = useMemo(() => ({ client, join, leave }), [client, join, leave]);
  return <RoomContext.Provider value={value}>{children}</RoomContext.Provider>;
}

export function useRoom(): RoomContextValue {
  const value = useContext(RoomContext);
  if (!value) throw new Error('useRoom() outside <RoomProvider>');
  return value;
}

export function useConnectionStatus(client: RoomClient | null): { status: ConnectionStatus | 'none'; pending: number; saving: number } {
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!client) return () => undefined;
      const a = client.on('status', notify);
      const b = client.on('pending', notify);
      return () => {
        a();
        b();
      };
    },
    [client],
  );
  const status = useSyncExternalStore(subscribe, () => client?.status ?? 'none');
  const pending = useSyncExternalStore(subscribe, () => client?.pendingCount ?? 0);
  const saving = useSyncExternalStore(subscribe, () => client?.savingLocally ?? 0);
  return { status, pending, saving };
}

/**
 * The connection status alone, for screens that show or branch on it: they re-render when it changes, not on every
 * edit waiting for the host or saved on the device (many while a room syncs) as `useConnectionStatus` does.
 */
export function useClientStatus(client: RoomClient | null): ConnectionStatus | 'none' {
  const subscribe = useCallback((notify: () => void) => (client ? client.on('status', notify) : () => undefined), [client]);
  return useSyncExternalStore(subscribe, () => client?.status ?? 'none');
}

/** The JSON of a Y.Map of a room document, re-rendered on every change. */
export function useYMapJson<T>(client: RoomClient | null, docName: string, mapName: string): T | null {
  const map = useMemo(() => (client ? client.doc(docName).getMap(mapName) : null), [client, docName, mapName]);
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!map) return () => undefined;
      map.observeDeep(notify);
      return () => map.unobserveDeep(notify);
    },
    [map],
  );
  const snapshot = useMemo(() => ({ version: 0, json: null as T | null }), []);
  const get = useCallback(() => {
    if (!map) return null;
    const json = JSON.stringify(map.toJSON());
    if (JSON.stringify(snapshot.json) !== json) {
      snapshot.json = JSON.parse(json) as T;
      snapshot.version++;
    }
    return snapshot.json;
  }, [map, snapshot]);
  return useSyncExternalStore(subscribe, get);
}

export function useYText(client: RoomClient | null, docName: string, name: string): Y.Text | null {
  return useMemo(() => (client ? client.doc(docName).getText(name) : null), [client, docName, name]);
}
