import { describe, expect, it } from 'vitest';
import { contentLength, formatBytes, progressStep, progressText, readWithProgress, type Progress } from './downloadProgress';

describe('formatBytes and progressText', () => {
  it('speaks in B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(420 * 1024)).toBe('420 KB');
    expect(formatBytes(1.2 * 1024 * 1024)).toBe('1.2 MB');
  });
  it('says "of" the total only when the total is known', () => {
    expect(progressText({ received: 420 * 1024, total: 1.2 * 1024 * 1024 })).toBe('Downloading… 420 KB of 1.2 MB');
    expect(progressText({ received: 420 * 1024, total: null })).toBe('Downloading… 420 KB');
  });
  it('changes step in tenths of the total, or every 256 KB without one', () => {
    expect(progressStep({ received: 0, total: 1000 })).toBe(0);
    expect(progressStep({ received: 99, total: 1000 })).toBe(0);
    expect(progressStep({ received: 100, total: 1000 })).toBe(1);
    expect(progressStep({ received: 2000, total: 1000 })).toBe(10);
    expect(progressStep({ received: 300 * 1024, total: null })).toBe(1);
  });
});

describe('readWithProgress', () => {
  const body = (parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
        controller.close();
      },
    });
  it('reads the whole body chunk by chunk, reporting bytes against the Content-Length', async () => {
    const res = new Response(body(['<html>', 'report', '</html>']), { headers: { 'Content-Length': '19', 'Content-Type': 'text/html' } });
    const seen: Progress[] = [];
    const blob = await readWithProgress(res, (p) => seen.push(p));
    expect(await blob.text()).toBe('<html>report</html>');
    expect(blob.type).toBe('text/html');
    expect(seen).toEqual([
      { received: 0, total: 19 },
      { received: 6, total: 19 },
      { received: 12, total: 19 },
      { received: 19, total: 19 },
    ]);
  });
  it('has no total without a usable Content-Length, or when the body is encoded', () => {
    expect(contentLength(new Headers())).toBeNull();
    expect(contentLength(new Headers({ 'Content-Length': 'x' }))).toBeNull();
    expect(contentLength(new Headers({ 'Content-Length': '10', 'Content-Encoding': 'gzip' }))).toBeNull();
    expect(contentLength(new Headers({ 'Content-Length': '10' }))).toBe(10);
  });
});
