/**
 * Crafted Yjs updates that make Yjs integrate concurrent inserts at one place in quadratic time: a run of `n + 1`
 * separate items from one client (binary content never merges), then items from `n` fresh client ids, each with the
 * run's first item as origin and its own item of the run as right origin. Integrating item i scans every item between
 * the origin and its right origin, so n of them cost about n² steps — applied (once the run is there) and again when a
 * document holding them is loaded. Used by the tests and benchmarks of the host's bounded work per update.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

export const RUN_CLIENT = 1;
export const FIRST_CRAFTED_CLIENT = 100;

/** The run: n + 1 separate items in array `a`, from client RUN_CLIENT. */
export function runUpdate(n: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = RUN_CLIENT;
  doc.getArray('a').insert(
    0,
    Array.from({ length: n + 1 }, () => new Uint8Array([1])),
  );
  return Y.encodeStateAsUpdate(doc);
}

/**
 * The same run as runUpdate(n), as updates of at most `chunk` items each (the same items: one client, appended in
 * order), so that no single update of the setup is large enough to meet the host's apply-time limit on a busy machine.
 */
export function runUpdates(n: number, chunk: number): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = RUN_CLIENT;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let at = 0; at < n + 1; at += chunk) {
    const count = Math.min(chunk, n + 1 - at);
    doc.getArray('a').push(Array.from({ length: count }, () => new Uint8Array([1])));
  }
  return updates;
}

/** Crafted items i in [from, to]: client FIRST_CRAFTED_CLIENT + i, origin the run's first item, right origin its item i. */
export function craftedUpdate(from: number, to: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, to - from + 1);
  for (let i = to; i >= from; i--) {
    const client = FIRST_CRAFTED_CLIENT + i;
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, 0);
    new Y.Item(
      Y.createID(client, 0),
      null,
      Y.createID(RUN_CLIENT, 0),
      null,
      Y.createID(RUN_CLIENT, i),
      null,
      null,
      new Y.ContentBinary(new Uint8Array([2])),
    ).write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletions
  return encoder.toUint8Array();
}
