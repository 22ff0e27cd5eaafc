/**
 * Owns: reading a download's body as a stream with its progress — bytes received against the Content-Length the
 * host sends (electron/host/archiveRoutes.ts) — and the words for it ("Downloading… 420 KB of 1.2 MB"). Pure of
 * React; used by SessionExport.tsx.
 */

/** A size for people: bytes under 1 KB, KB (whole) under 1 MB, MB with one decimal above. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface Progress {
  received: number;
  /** The Content-Length, or null when the host did not say (or the body is encoded and the length means less). */
  total: number | null;
}

export function progressText({ received, total }: Progress): string {
  return total !== null ? `Downloading… ${formatBytes(Math.min(received, total))} of ${formatBytes(total)}` : `Downloading… ${formatBytes(received)}`;
}

/**
 * A coarse step of the progress (tenths of the total, or every 256 KB without one): the status line changes only
 * when the step does, so a screen reader is not handed a new sentence for every chunk.
 */
export function progressStep({ received, total }: Progress): number {
  return total ? Math.min(10, Math.floor((received / total) * 10)) : Math.floor(received / (256 * 1024));
}

/** The declared length of an un-encoded body, or null. */
export function contentLength(headers: Headers): number | null {
  if (headers.get('content-encoding')) return null;
  const value = Number(headers.get('content-length'));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** Reads the whole body, calling `onProgress` after each chunk (and once at the start with nothing received). */
export async function readWithProgress(res: Response, onProgress: (progress: Progress) => void): Promise<Blob> {
  const total = contentLength(res.headers);
  const type = res.headers.get('content-type') ?? '';
  onProgress({ received: 0, total });
  if (!res.body) return res.blob();
  const reader = res.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    received += value.byteLength;
    onProgress({ received, total });
  }
  return new Blob(chunks, { type });
}
