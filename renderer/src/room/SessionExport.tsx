/**
 * Taking a session home, on the console: "Export the session report" (one HTML file that opens anywhere, no
 * network) and "Export the archive" (JSON that re-imports into another kit), and "Import an archive" on the sessions
 * page (it becomes a read-only past session). The host builds and checks both (electron/host/archiveRoutes.ts).
 *
 * Owns: those buttons, the download (a blob link), the progress and error lines. The progress: "Building the session
 * report…" until the host answers (it builds the whole report first), then "Downloading… 420 KB of 1.2 MB" with a
 * <progress> bar from the body read as a stream (downloadProgress.ts), then "Saved ….html".
 */
import { Download, Upload } from 'lucide-react';
import { useState, type ChangeEvent } from 'react';
import { progressStep, progressText, readWithProgress, type Progress } from './downloadProgress';

async function sessionIdFor(hostKey: string, code: string): Promise<string> {
  const res = await fetch('/api/sessions', { headers: { Authorization: `Bearer ${hostKey}` } });
  const body = (await res.json()) as { sessions?: { id: string; code: string; endedAt: string | null }[]; message?: string };
  const found = body.sessions?.find((s) => s.code === code && !s.endedAt) ?? body.sessions?.find((s) => s.code === code);
  if (!found) throw new Error(body.message ?? 'this session is not on this host any more');
  return found.id;
}

function fileNameOf(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

/** The two export buttons of one session (by id, or by room code on the console). */
export function SessionExportButtons({ hostKey, id, code, title }: { hostKey: string; id?: string; code?: string; title: string }) {
  const [busy, setBusy] = useState<'report' | 'archive' | null>(null);
  const [message, setMessage] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState('');
  const download = async (kind: 'report' | 'archive') => {
    setBusy(kind);
    setError('');
    setProgress(null);
    setMessage(kind === 'report' ? 'Building the session report…' : 'Exporting the archive…');
    try {
      const sessionId = id ?? (await sessionIdFor(hostKey, code ?? ''));
      const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/${kind}`, {
        headers: { Authorization: `Bearer ${hostKey}` },
      });
      if (!res.ok)
        throw new Error(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `the host answered ${res.status}`);
      let step = -1;
      const blob = await readWithProgress(res, (p) => {
        // The line changes by tenths (or every 256 KB), not at every chunk.
        if (progressStep(p) === step) return;
        step = progressStep(p);
        setProgress(p);
        setMessage(progressText(p));
      });
      setProgress(null);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(res, `${kind}.${kind === 'report' ? 'html' : 'json'}`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMessage(`Saved ${a.download} (${Math.max(1, Math.round(blob.size / 1024))} KB) in your downloads.`);
    } catch (err) {
      setMessage('');
      setProgress(null);
      setError(`Could not export: ${(err as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="session-export">
      <button
        type="button"
        className="btn"
        disabled={busy !== null}
        onClick={() => void download('report')}
        aria-label={`Export the session report of ${title}`}
      >
        <Download size={16} aria-hidden="true" /> Export the session report
      </button>{' '}
      <button
        type="button"
        className="btn"
        disabled={busy !== null}
        onClick={() => void download('archive')}
        aria-label={`Export the archive of ${title}`}
      >
        <Download size={16} aria-hidden="true" /> Export the archive
      </button>
      {message ? (
        <span role="status" className="muted" style={{ display: 'block' }}>
          {message}
          {progress?.total ? (
            <>
              {' '}
              <progress max={progress.total} value={Math.min(progress.received, progress.total)} aria-label="Download progress" />
            </>
          ) : null}
        </span>
      ) : null}
      {error ? (
        <span role="alert" style={{ color: 'var(--danger)', display: 'block' }}>
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Imports an archive file as a read-only past session. */
export function ImportArchive({ hostKey, onImported }: { hostKey: string; onImported: () => void }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setStatus({ ok: true, text: `Importing ${file.name}…` });
    try {
      const res = await fetch('/api/sessions/import', {
        method: 'POST',
        headers: { Authorization: `Bearer ${hostKey}`, 'Content-Type': 'application/json' },
        body: await file.text(),
      });
      const body = (await res.json()) as { title?: string; message?: string };
      if (!res.ok) throw new Error(body.message ?? `the host answered ${res.status}`);
      setStatus({ ok: true, text: `Imported “${body.title ?? file.name}” as a past session (read-only).` });
      onImported();
    } catch (err) {
      setStatus({ ok: false, text: `Not imported: ${(err as Error).message}` });
    }
  };
  return (
    <div className="form-row">
      <label htmlFor="import-archive">
        <Upload size={16} aria-hidden="true" /> Import an archive (a session exported from another kit)
      </label>
      <input id="import-archive" type="file" accept=".json,application/json" onChange={(e) => void pick(e)} />
      {status ? (
        <p role={status.ok ? 'status' : 'alert'} style={status.ok ? undefined : { color: 'var(--danger)' }}>
          {status.text}
        </p>
      ) : null}
    </div>
  );
}
