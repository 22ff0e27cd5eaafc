/** The machine's LAN addresses, for the join URLs printed and shown on the join card. */
import { networkInterfaces } from 'node:os';

/** Non-internal IPv4 addresses, one per interface address, in a stable order. */
export function lanIPv4Addresses(): string[] {
  const out: string[] = [];
  for (const [, addresses] of Object.entries(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) out.push(a.address);
    }
  }
  return out.sort();
}

/** The addresses a server bound to `bind` is reachable on from the LAN. */
export function reachableLanAddresses(bind: string): string[] {
  if (bind === '0.0.0.0' || bind === '::') return lanIPv4Addresses();
  if (bind === '127.0.0.1' || bind === 'localhost' || bind === '::1') return [];
  return lanIPv4Addresses().includes(bind) ? [bind] : [];
}

export function httpUrl(address: string, port: number): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}/`;
}
