/**
 * "Export my work" on a learner's screen (issue 13, point 5): one HTML file to take home — their team's strategy,
 * board and ML Test Score, their journal, the scores their team received once revealed — built in this browser
 * (exportMyWork.ts), no host route and no desktop bridge needed. A status line names each step while it builds and
 * the file's size at the end; a failure says what to do.
 *
 * Owns: the button, the progress and the error lines.
 */
import { Download } from 'lucide-react';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { download, EXPORT_STEPS, exportMyWork } from './exportMyWork';

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function ExportMyWork({ client, learnerName, sessionTitle }: { client: RoomClient; learnerName: string; sessionTitle: string }) {
  const { pack } = useContent();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      const file = await exportMyWork(client, pack, { learnerName, sessionTitle }, (i) =>
        // Rendered now, not batched with the next step's: every step shows, however busy the device.
        flushSync(() => setStatus(`${EXPORT_STEPS[i]}… ${i + 1} of ${EXPORT_STEPS.length}`)),
      );
      download(file);
      setStatus(`Saved ${file.name} (${size(file.blob.size)}) in your downloads. It opens in any browser, without the room.`);
    } catch (err) {
      setStatus('');
      setError(
        `Could not export your work: ${(err as Error).message}. Check that this page is still in the room (reload it if needed), then try again.`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card" data-testid="export-my-work">
      <p style={{ marginTop: 0 }}>
        Take your work home: your team&apos;s strategy, board and ML Test Score, this journal and your exit ticket, and your team&apos;s
        scores once the facilitator reveals them — one page that opens in any browser.
      </p>
      <button type="button" className="btn" disabled={busy} onClick={() => void run()}>
        <Download size={16} aria-hidden="true" /> Export my work
      </button>
      <p role="status" className="muted" data-testid="export-my-work-status" style={{ marginBottom: 0 }}>
        {status}
      </p>
      {error ? (
        <p role="alert" style={{ color: 'var(--danger)', marginBottom: 0 }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
