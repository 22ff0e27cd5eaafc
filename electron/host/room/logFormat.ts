/**
 * The bytes of a session's log segments and snapshot (docLog.ts writes and reads them).
 *
 * Format 2 (written since checksums): the file starts with MAGIC (8 bytes), then records
 *   [length: u32 LE][crc32: u32 LE][doc name length: u16 LE][doc name utf8][Yjs update]
 * where `length` counts the bytes after the checksum and the CRC-32 covers the length field and those bytes.
 * Format 1 (older hosts; still read, never written): no header, records [length: u32 LE][name length: u16 LE][name][update].
 * A format-1 file cannot start with MAGIC: that would be a first record of over a gigabyte.
 *
 * Reading stops at the first record that is not intact and says whether the rest is a torn tail (a write cut
 * short by a power cut or a full disk: nothing intact follows, and the record is incomplete or zeros) or damage
 * (anything else, in particular an intact record after a bad one: acknowledged data may be behind it).
 */
import { crc32 } from 'node:zlib';

export interface LogRecord {
  doc: string;
  update: Uint8Array;
}

export const MAGIC = Buffer.from('WKLOG02\n', 'latin1');
const HEADER = 8; // length + crc
const LEGACY_HEADER = 4;

export interface Stop {
  /** Byte offset of the first record that is not intact. */
  offset: number;
  /** True when the rest of the file is a torn write; false when it is damage (report it, keep a copy). */
  torn: boolean;
  reason: string;
}

export interface Decoded {
  format: 1 | 2;
  records: LogRecord[];
  /** Bytes up to the end of the last intact record (including the header). */
  validBytes: number;
  stop: Stop | null;
}

function checksum(bytes: Buffer, pos: number, length: number): number {
  return crc32(bytes.subarray(pos + HEADER, pos + HEADER + length), crc32(bytes.subarray(pos, pos + 4)));
}

export function encodeRecord(doc: string, update: Uint8Array): Buffer {
  const name = Buffer.from(doc, 'utf8');
  const length = 2 + name.length + update.length;
  const out = Buffer.allocUnsafe(HEADER + length);
  out.writeUInt32LE(length, 0);
  out.writeUInt16LE(name.length, HEADER);
  name.copy(out, HEADER + 2);
  out.set(update, HEADER + 2 + name.length);
  out.writeUInt32LE(checksum(out, 0, length), 4);
  return out;
}

type Read = { ok: true; record: LogRecord; next: number } | { ok: false; incomplete: boolean; reason: string };

function readRecord(bytes: Buffer, pos: number, format: 1 | 2): Read {
  const header = format === 2 ? HEADER : LEGACY_HEADER;
  if (pos + header + 2 > bytes.length) return { ok: false, incomplete: true, reason: 'incomplete record header' };
  const length = bytes.readUInt32LE(pos);
  if (length < 2) return { ok: false, incomplete: false, reason: `impossible record length ${length}` };
  if (pos + header + length > bytes.length) return { ok: false, incomplete: true, reason: `record of ${length} bytes runs past the end of the file` };
  if (format === 2 && bytes.readUInt32LE(pos + 4) !== checksum(bytes, pos, length)) return { ok: false, incomplete: false, reason: 'checksum mismatch' };
  const nameLength = bytes.readUInt16LE(pos + header);
  if (2 + nameLength > length) return { ok: false, incomplete: false, reason: 'document name longer than its record' };
  const start = pos + header + 2;
  const doc = bytes.toString('utf8', start, start + nameLength);
  const update = new Uint8Array(bytes.subarray(start + nameLength, pos + header + length));
  return { ok: true, record: { doc, update }, next: pos + header + length };
}

export function formatOf(bytes: Buffer): 1 | 2 {
  if (bytes.length === 0) return 2;
  const n = Math.min(bytes.length, MAGIC.length);
  return bytes.subarray(0, n).equals(MAGIC.subarray(0, n)) ? 2 : 1;
}

/** Whether an intact format-2 record starts anywhere after `from` (then a bad record is damage, not a torn tail). */
function intactRecordAfter(bytes: Buffer, from: number): boolean {
  for (let pos = from + 1; pos + HEADER + 2 <= bytes.length; pos++) {
    const length = bytes.readUInt32LE(pos);
    if (length < 2 || pos + HEADER + length > bytes.length) continue;
    if (bytes.readUInt32LE(pos + 4) === checksum(bytes, pos, length) && bytes.readUInt16LE(pos + HEADER) + 2 <= length) return true;
  }
  return false;
}

function allZero(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Every intact record of a log segment or snapshot, in either format, and where (and why) reading stopped. */
export function decodeFile(bytes: Buffer): Decoded {
  const format = formatOf(bytes);
  const records: LogRecord[] = [];
  if (format === 2 && bytes.length < MAGIC.length) {
    return { format, records, validBytes: 0, stop: bytes.length > 0 ? { offset: 0, torn: true, reason: 'incomplete file header' } : null };
  }
  let pos = format === 2 ? MAGIC.length : 0;
  while (pos < bytes.length) {
    const read = readRecord(bytes, pos, format);
    if (!read.ok) {
      const damaged = format === 2 ? intactRecordAfter(bytes, pos) || !(read.incomplete || allZero(bytes, pos)) : !(read.incomplete || allZero(bytes, pos));
      const reason = damaged && format === 2 && read.incomplete ? `${read.reason}, with intact records after it` : read.reason;
      return { format, records, validBytes: pos, stop: { offset: pos, torn: !damaged, reason } };
    }
    records.push(read.record);
    pos = read.next;
  }
  return { format, records, validBytes: pos, stop: null };
}

/** The intact records of a file in either format (benchmarks read logs with it). */
export function decodeRecords(bytes: Buffer): { records: LogRecord[]; validBytes: number } {
  const { records, validBytes } = decodeFile(bytes);
  return { records, validBytes };
}
