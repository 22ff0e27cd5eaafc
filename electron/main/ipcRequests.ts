/**
 * Every IPC request arrives as `unknown` from a renderer that main does not trust: each channel's request is
 * parsed here before use. Pure (zod only), so it is unit-tested without Electron.
 */
import { z } from 'zod';
import type { IpcChannel, IpcContract } from '../../shared/ipc/contract';

const schemas: { [K in IpcChannel]: z.ZodType<IpcContract[K]['request']> } = {
  'app:info': z.null(),
  'host:start': z.strictObject({ title: z.string().trim().min(1, 'a session needs a title').max(120) }),
  'host:current': z.null(),
  'discovery:browse': z.null(),
  'discovery:open': z.strictObject({ url: z.string().max(300) }),
  // Only the presenter route of this app, with its key fragment.
  'presenter:open': z.strictObject({ path: z.string().regex(/^\/present\/[A-HJKMNP-Z2-9]{6}#key=[A-Za-z0-9_-]{16,128}$/, 'not a presenter path') }),
};

export function parseIpcRequest<K extends IpcChannel>(channel: K, request: unknown): IpcContract[K]['request'] {
  const result = schemas[channel].safeParse(request === undefined ? null : request);
  if (!result.success) throw new Error(`invalid ${channel} request: ${result.error.issues[0]?.message ?? 'bad input'}`);
  return result.data;
}

/** A nearby session's join link may be opened only if discovery found it and it is a plain http join URL. */
export function isOpenableJoinUrl(url: string, found: ReadonlySet<string>): boolean {
  if (!found.has(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && /^\/join\/[A-HJKMNP-Z2-9]{6}$/.test(parsed.pathname) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
