/**
 * y-protocols sync messages (the same wire format as y-websocket): step 1 carries a state vector, step 2 the
 * update that the other side lacks, update a live change. Pure encoding, used by host and clients alike.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

function message(type: number, bytes: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, bytes);
  return encoding.toUint8Array(encoder);
}

export const syncStep1Message = (doc: Y.Doc): Uint8Array => message(SYNC_STEP1, Y.encodeStateVector(doc));
export const syncStep2Message = (update: Uint8Array): Uint8Array => message(SYNC_STEP2, update);
export const syncUpdateMessage = (update: Uint8Array): Uint8Array => message(SYNC_UPDATE, update);

/** Reads a sync message; throws on malformed input (callers catch and reject). */
export function readSyncMessage(payload: Uint8Array): { type: number; bytes: Uint8Array } {
  const decoder = decoding.createDecoder(payload);
  const type = decoding.readVarUint(decoder);
  return { type, bytes: decoding.readVarUint8Array(decoder) };
}
