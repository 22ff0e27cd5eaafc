/**
 * Large frames in bounded parts, both ways: a whole board's state for a new device, a repair that restores what
 * the host lost, a big paste. A frame over MAX_UPDATE_BYTES is sent as consecutive CHUNK frames of at most
 * CHUNK_BYTES each; the receiver joins them and handles the result as if it had arrived whole, under its own bound
 * (MAX_EDIT_BYTES on the host, MAX_SYNC_BYTES on a client). Chunks of one transfer are sent back to back on one
 * socket, so a receiver holds at most one transfer at a time: a chunk of another transfer, out of order, or past the
 * bound ends the transfer with a reason (reported, never dropped silently).
 */
import { CHUNK_BYTES, DocFrameKind, MAX_UPDATE_BYTES, decodeDocFrame, encodeChunkFrame, type DocFrame, type RejectionReason } from './protocol';

/** The frames to send for `frame` (of document `doc`): itself when small enough, or its chunks. */
export function framesFor(frame: Uint8Array, doc: string, transfer: number): Uint8Array[] {
  if (frame.length <= MAX_UPDATE_BYTES) return [frame];
  const count = Math.ceil(frame.length / CHUNK_BYTES);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) out.push(encodeChunkFrame(doc, transfer, i, count, frame.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES)));
  return out;
}

type ChunkResult = { done: Uint8Array } | { waiting: true } | { error: RejectionReason; message: string; doc: string };

class Reassembler {
  private current: { transfer: number; doc: string; count: number; next: number; parts: Uint8Array[]; bytes: number } | null = null;

  constructor(private readonly maxBytes: number) {}

  /** Takes one CHUNK frame; returns the joined frame once its last part has arrived. */
  push(frame: DocFrame): ChunkResult {
    const chunk = frame.chunk!;
    if (chunk.index === 0) {
      if (chunk.count * CHUNK_BYTES > this.maxBytes + CHUNK_BYTES) {
        this.current = null;
        return { error: 'too-big', message: `a frame of up to ${chunk.count} parts is over the limit of ${Math.round(this.maxBytes / 1048576)} MB`, doc: frame.doc };
      }
      this.current = { transfer: chunk.transfer, doc: frame.doc, count: chunk.count, next: 0, parts: [], bytes: 0 };
    }
    const current = this.current;
    if (!current || current.transfer !== chunk.transfer || current.doc !== frame.doc || current.count !== chunk.count || current.next !== chunk.index) {
      this.current = null;
      return { error: 'malformed', message: `part ${chunk.index + 1} of ${chunk.count} arrived out of order`, doc: frame.doc };
    }
    current.parts.push(frame.payload.slice());
    current.bytes += frame.payload.length;
    current.next++;
    if (current.bytes > this.maxBytes) {
      this.current = null;
      return { error: 'too-big', message: `a frame over the limit of ${Math.round(this.maxBytes / 1048576)} MB`, doc: frame.doc };
    }
    if (current.next < current.count) return { waiting: true };
    this.current = null;
    const joined = new Uint8Array(current.bytes);
    let pos = 0;
    for (const part of current.parts) {
      joined.set(part, pos);
      pos += part.length;
    }
    return { done: joined };
  }
}

export type Intake = { frame: DocFrame } | { waiting: true } | { error: RejectionReason; message: string; doc?: string; seq?: number };

/**
 * The receiving end of one socket: each binary frame in, a whole document frame out (at once, or once its last chunk
 * has arrived), or a reason naming the document (and the edit's sequence number) it concerns.
 */
export class FrameIntake {
  private readonly chunks: Reassembler;

  /** @param maxJoined the largest frame accepted in chunks */
  constructor(private readonly maxJoined: number) {
    this.chunks = new Reassembler(maxJoined);
  }

  take(bytes: Uint8Array): Intake {
    const first = decodeDocFrame(bytes);
    if (!first.ok) return { error: first.reason, message: first.message, ...where(first) };
    if (first.value.kind !== DocFrameKind.CHUNK) return { frame: first.value };
    const result = this.chunks.push(first.value);
    if (!('done' in result)) return result;
    const joined = decodeDocFrame(result.done, this.maxJoined);
    if (!joined.ok) return { error: joined.reason, message: joined.message, ...where(joined) };
    if (joined.value.kind === DocFrameKind.CHUNK) return { error: 'malformed', message: 'a chunk inside a chunked frame', doc: joined.value.doc };
    return { frame: joined.value };
  }
}

function where(result: { doc?: string; seq?: number }): { doc?: string; seq?: number } {
  return { ...(result.doc ? { doc: result.doc } : {}), ...(result.seq !== undefined ? { seq: result.seq } : {}) };
}
