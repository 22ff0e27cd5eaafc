import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { BoardElement } from '../room/elementMerge';
import { BoardSync } from './boardSync';
import { LayeredBoard, layerDocFor } from './boardLayers';

const rect = (id: string, version: number, versionNonce: number, extra: Record<string, unknown> = {}): BoardElement => ({ id, type: 'rectangle', version, versionNonce, x: 0, y: 0, ...extra });

/** The facilitator's and a learner's view of one room board with its layer, synced both ways. */
function room() {
  const docs = { fBase: new Y.Doc(), fLayer: new Y.Doc(), lBase: new Y.Doc(), lLayer: new Y.Doc() };
  const link = (a: Y.Doc, b: Y.Doc) => {
    a.on('update', (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a));
    b.on('update', (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b));
  };
  link(docs.fBase, docs.lBase);
  // The layer only flows from the facilitator to learners (the host refuses a learner's writes to it).
  docs.fLayer.on('update', (u: Uint8Array) => Y.applyUpdate(docs.lLayer, u));
  const facilitator = new LayeredBoard(new BoardSync(docs.fBase), new BoardSync(docs.fLayer), true);
  const learner = new LayeredBoard(new BoardSync(docs.lBase), new BoardSync(docs.lLayer), false);
  return { docs, facilitator, learner };
}

describe('facilitator layer', () => {
  it('names the layer of a room board only', () => {
    expect(layerDocFor('room/brainstorm')).toBe('layer/brainstorm');
    expect(layerDocFor('team/team-1/board')).toBeNull();
  });

  it('puts what the facilitator draws in the layer and what learners draw in the room board', () => {
    const { docs, facilitator, learner } = room();
    facilitator.pushLocal([rect('f1', 1, 1)]);
    learner.pushLocal([...learner.elements(), rect('l1', 1, 1)]);
    expect(new BoardSync(docs.fLayer).elements().map((e) => e.id)).toEqual(['f1']);
    expect(new BoardSync(docs.fBase).elements().map((e) => e.id)).toEqual(['l1']);
    expect(learner.elements().map((e) => e.id)).toEqual(['f1', 'l1']);
    expect(learner.elements().find((e) => e.id === 'f1')).toMatchObject({ locked: true });
    expect(facilitator.elements().find((e) => e.id === 'f1')?.locked).toBeUndefined();
    // The facilitator tidying a learner's note keeps it in the room board.
    facilitator.pushLocal([rect('l1', 2, 1, { x: 40 })]);
    expect(new BoardSync(docs.fBase).element('l1')).toMatchObject({ x: 40 });
    expect(new BoardSync(docs.fLayer).has('l1')).toBe(false);
  });

  it('learners cannot delete or move the layer: their changes are refused, and a clashing id in the room board is ignored', () => {
    const { docs, facilitator, learner } = room();
    facilitator.pushLocal([rect('f1', 1, 1, { x: 10 })]);
    const moved = { ...learner.elements()[0]!, version: 2, versionNonce: 5, x: 999, isDeleted: true };
    const push = learner.pushLocal([moved]);
    expect(push.refused).toEqual(['f1']);
    expect(push.pushed).toBe(0);
    // Written straight into the room board under the layer element's id (what a hostile client could do):
    new BoardSync(docs.lBase).pushLocal([rect('f1', 50, 1, { isDeleted: true })]);
    for (const view of [learner, facilitator]) expect(view.elements().find((e) => e.id === 'f1')).toMatchObject({ x: 10, version: 1 });
    expect(new BoardSync(docs.lLayer).element('f1')).toMatchObject({ x: 10 });
    expect(new BoardSync(docs.lLayer).element('f1')?.isDeleted).toBeFalsy();
  });
});
