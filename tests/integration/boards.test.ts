/**
 * Boards that untrusted peers cannot break, on a real host process: the facilitator's layer over the room board
 * cannot be removed by a learner, and a `null` (or any non-element) written into a shared board does not break
 * the board for the other viewers, then or after they join.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardElement } from '../../shared/room/elementMerge';
import { LayeredBoard, layerDocFor } from '../../shared/sync/boardLayers';
import { BoardSync } from '../../shared/sync/boardSync';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, waitFor } from '../helpers/roomClients';

const BOARD = 'room/brainstorm';
const LAYER = layerDocFor(BOARD)!;
const rect = (id: string, version: number, extra: Record<string, unknown> = {}): BoardElement => ({ id, type: 'rectangle', version, versionNonce: 1, x: 0, y: 0, width: 100, height: 60, ...extra });

describe('boards on a real host', () => {
  let host: HostProcess;
  let room: string;
  const clients: RoomClient[] = [];
  const client = (...args: Parameters<typeof connectClient>) => {
    const c = connectClient(...args);
    clients.push(c);
    return c;
  };
  const view = async (c: RoomClient, facilitator = false) => {
    await Promise.all([c.whenSynced(BOARD), c.whenSynced(LAYER)]);
    return new LayeredBoard(new BoardSync(c.doc(BOARD)), new BoardSync(c.doc(LAYER)), facilitator);
  };
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Boards'] });
    room = host.line.room as string;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it("keeps the facilitator's layer out of a learner's reach", async () => {
    const facilitator = client(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const mallory = client(host.url, room, { name: 'Mallory' });
    await Promise.all([online(facilitator), online(mallory)]);
    const fView = await view(facilitator, true);
    fView.pushLocal([rect('frame', 1, { x: 10 })]);
    await waitFor(() => facilitator.pendingCount === 0, 'the facilitator’s drawing saved');

    const mView = await view(mallory);
    await waitFor(() => mView.elements().some((e) => e.id === 'frame'), 'the learner sees the layer');
    // Wipe the layer outright (a raw Yjs write, as a hostile client would), and shadow it in the room board.
    const layerMap = mallory.doc(LAYER).getMap('elements');
    mallory.doc(LAYER).transact(() => [...layerMap.keys()].forEach((k) => layerMap.delete(k)));
    await waitFor(() => mallory.rejections.some((r) => r.doc === LAYER && r.reason === 'forbidden'), 'the layer write refused');
    new BoardSync(mallory.doc(BOARD)).pushLocal([rect('frame', 99, { isDeleted: true }), rect('sticky', 1)]);
    await waitFor(() => mallory.pendingCount === 0 || mallory.rejections.length > 1, 'the room board write sent');

    const witness = client(host.url, room, { name: 'Witness' });
    const wView = await view(witness);
    await waitFor(() => wView.elements().some((e) => e.id === 'sticky'), 'the witness sees the learner’s sticky');
    const frame = wView.elements().find((e) => e.id === 'frame');
    expect(frame).toMatchObject({ x: 10, version: 1, locked: true });
    expect(frame?.isDeleted).toBeFalsy();
    expect(new BoardSync(witness.doc(LAYER)).element('frame')).toBeDefined();
  });

  it('does not break other viewers when a learner writes null into a shared board', async () => {
    const ada = client(host.url, room, { name: 'Ada' });
    const bo = client(host.url, room, { name: 'Bo' });
    await Promise.all([online(ada), online(bo)]);
    const adaBoard = await view(ada);
    adaBoard.pushLocal([rect('idea', 1)]);
    const raw = bo.doc(BOARD).getMap<unknown>('elements');
    await bo.whenSynced(BOARD);
    bo.doc(BOARD).transact(() => {
      raw.set('poison', null);
      raw.set('junk', 'text');
      raw.set('half', { id: 'half', version: 3 });
    });
    await waitFor(() => bo.pendingCount === 0 && ada.pendingCount === 0, 'both writes saved');
    await waitFor(() => ada.doc(BOARD).getMap('elements').has('poison'), 'the null reached Ada');
    expect(adaBoard.elements().map((e) => e.id)).toContain('idea');

    const late = client(host.url, room, { name: 'Late' });
    const lateView = await view(late);
    await waitFor(() => late.doc(BOARD).getMap('elements').has('poison'), 'the null reached a late joiner');
    expect(() => lateView.elements()).not.toThrow();
    expect(lateView.elements().map((e) => e.id)).toEqual(expect.arrayContaining(['idea', 'sticky', 'frame']));
    expect(lateView.elements().map((e) => e.id)).not.toContain('poison');
  });
});
