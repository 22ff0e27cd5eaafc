/**
 * The session export routes of the facilitator's API (httpServer.ts checks loopback and the host key first):
 *   GET  /api/sessions/<id>/archive  the session's archive as a JSON download (shared/report/archive.ts)
 *   POST /api/sessions/import        the body is an archive: validated, then added as a new ended session (201),
 *                                    or refused with 400 and a message saying what is wrong (nothing written)
 *   GET  /api/sessions/<id>/report   the session report (shared/report/report.ts) as an HTML download
 *
 * Owns: those routes, the import's body bound, and the download file name.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_ARCHIVE_BYTES, decodeArchive } from '../../shared/report/archive';
import { buildReport, type ReportContent } from '../../shared/report/report';
import type { SessionManager } from './room/sessions';
import { StorageError } from './room/storageError';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A file name from a session title: letters, digits and dashes only. */
export function downloadName(title: string, id: string, ext: string): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'session';
  return `${base}-${id}.${ext}`;
}

async function readText(req: IncomingMessage, limit: number): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers an archive route; false when `parts` is not one (the caller goes on routing). */
export async function archiveRoutes(
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  sessions: SessionManager,
  content: ReportContent | null,
): Promise<boolean> {
  if (parts.length === 3 && parts[2] === 'import' && req.method === 'POST') {
    const text = await readText(req, MAX_ARCHIVE_BYTES);
    if (text === null) {
      sendJson(res, 413, {
        error: 'too-large',
        message: `This file is larger than ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB, more than any session archive: choose the archive exported from the kit.`,
      });
      req.resume();
      return true;
    }
    try {
      const result = sessions.importArchive(text);
      if (!result.ok) sendJson(res, 400, { error: 'bad-archive', message: result.message });
      else sendJson(res, 201, { id: result.meta.id, title: result.meta.title, code: result.meta.code, endedAt: result.meta.endedAt });
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      sendJson(res, 507, { error: 'storage', message: error.message });
    }
    return true;
  }
  const id = parts[2];
  if (parts.length === 4 && id && parts[3] === 'archive' && (req.method === 'GET' || req.method === 'HEAD')) {
    const text = sessions.archive(id);
    const title = sessions.list().find((s) => s.id === id)?.title ?? 'session';
    if (text === null) {
      sendJson(res, 404, { error: 'not-found', message: 'no such session on this host' });
      return true;
    }
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${downloadName(title, id, 'json')}"`,
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(req.method === 'HEAD' ? undefined : text);
    return true;
  }
  if (parts.length === 4 && id && parts[3] === 'report' && (req.method === 'GET' || req.method === 'HEAD')) {
    const text = sessions.archive(id);
    const decoded = text === null ? null : decodeArchive(text);
    if (!decoded?.ok) {
      sendJson(res, 404, { error: 'not-found', message: decoded ? decoded.message : 'no such session on this host' });
      return true;
    }
    if (!content) {
      sendJson(res, 500, {
        error: 'content',
        message: 'the content pack did not load, so the report cannot be built: run `npm run content:check`',
      });
      return true;
    }
    const html = buildReport(decoded.archive, content);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'Content-Disposition': `attachment; filename="${downloadName(decoded.archive.session.title, id, 'html')}"`,
      'Content-Length': Buffer.byteLength(html),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  }
  return false;
}
