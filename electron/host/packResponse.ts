/**
 * `/content/pack.json`, the one large JSON every learner's page loads before it can show the join form.
 *
 * Owns: the pack's body computed once when the host starts (not per request), its gzip form (what a phone downloads
 * on the classroom Wi-Fi: about a third of the JSON) and a strong ETag, so that a page that already has the pack
 * revalidates it with a 304 and no body. `Cache-Control: no-cache` as before: a browser always asks, the host
 * answers "unchanged" in a few bytes.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface PackResponse {
  /** Answers GET/HEAD /content/pack.json (status 200, 304, or 500 for a pack with problems). */
  send(req: IncomingMessage, res: ServerResponse, csp: string): void;
}

export function packResponse(json: string, ok: boolean): PackResponse {
  const body = Buffer.from(json, 'utf8');
  const gzip = gzipSync(body, { level: 9 });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return {
    send(req, res, csp) {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', csp);
      res.setHeader('Vary', 'Accept-Encoding');
      if (ok) res.setHeader('ETag', etag);
      const match = String(req.headers['if-none-match'] ?? '')
        .split(',')
        .some((tag) => tag.trim().replace(/^W\//, '') === etag);
      if (ok && match) {
        res.writeHead(304);
        res.end();
        return;
      }
      const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzipped) res.setHeader('Content-Encoding', 'gzip');
      const sent = gzipped ? gzip : body;
      res.setHeader('Content-Length', sent.length);
      res.writeHead(ok ? 200 : 500);
      res.end(req.method === 'HEAD' ? undefined : sent);
    },
  };
}
