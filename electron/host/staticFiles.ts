/**
 * Static file serving that cannot escape its folder.
 *
 * Owns: mapping a URL path to a file inside a root (rejecting traversal, NUL bytes and dot-files, and symbolic links
 * that lead out of the root: the file's real path must be inside the root's real path), content types,
 * and an in-memory cache of file bytes plus their gzip form, keyed by path and mtime (60 learners loading the same
 * bundle should cost one read and one compression).
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a URL pathname (still percent-encoded) to a file path inside `root`, or null when the path is
 * malformed, hidden (a segment starting with "."), or would leave the root.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

export interface StaticFile {
  path: string;
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  mtimeMs: number;
}

/** Whether `path`, with every symbolic link resolved, is inside `root` (also resolved). */
async function reallyInside(root: string, path: string): Promise<boolean> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(path)]);
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  } catch {
    return false;
  }
}

export class FileCache {
  private readonly entries = new Map<string, StaticFile>();

  /**
   * Reads a regular file (cached by mtime); null when it does not exist, is not a file, or — given the `root` it was
   * resolved in — is a symbolic link (or lies under one) that leads out of that root.
   */
  async get(path: string, root?: string): Promise<StaticFile | null> {
    if (root !== undefined && !(await reallyInside(root, path))) return null;
    let info;
    try {
      info = await stat(path);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(path);
    const ext = extname(path).toLowerCase();
    const gzip = COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : null;
    const file: StaticFile = { path, type: contentType(path), body, gzip, mtimeMs: info.mtimeMs };
    this.entries.set(path, file);
    return file;
  }
}
