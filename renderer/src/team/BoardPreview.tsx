/**
 * A team's board as a picture, for the facilitator's gallery and the projector: the board document's elements
 * rendered by Excalidraw's exporter (no editor), redrawn at most a few times a second while the team draws.
 * Shown as an <img> of a blob URL, so nothing in the drawing can run as markup. A room board's picture includes
 * the facilitator's layer; elements are restored like the editor's (boardScene.ts), pictures included.
 * With `list` (the phone's read-only board), the elements as a list under the picture, for screen readers
 * (BoardList.tsx).
 * Loaded on demand.
 */
import { exportToSvg } from '@excalidraw/excalidraw';
import { useEffect, useMemo, useState } from 'react';
import { LayeredBoard, layerDocFor } from '../../../shared/sync/boardLayers';
import { boardSyncOf } from '../../../shared/sync/boardSync';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { restoreFromDoc, svgText } from './boardScene';
import { describeBoard, type BoardDescription } from '../../../shared/room/boardDescription';
import { BoardList } from './BoardList';

type ExportElements = Parameters<typeof exportToSvg>[0]['elements'];
type ExportFiles = Parameters<typeof exportToSvg>[0]['files'];

export default function BoardPreview({
  client,
  docName,
  label,
  height = 220,
  list = false,
}: {
  client: RoomClient;
  docName: string;
  label: string;
  height?: number;
  list?: boolean;
}) {
  const layerName = layerDocFor(docName);
  const board = useMemo(
    () => new LayeredBoard(boardSyncOf(client.doc(docName)), layerName ? boardSyncOf(client.doc(layerName)) : null, false, false),
    [client, docName, layerName],
  );
  const [picture, setPicture] = useState<{ url: string; count: number } | null>(null);
  const [count, setCount] = useState(0);
  const [description, setDescription] = useState<BoardDescription | null>(null);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let url: string | null = null;
    const render = async () => {
      const elements = restoreFromDoc(board.elements()).filter((e) => !e.isDeleted);
      setCount(elements.length);
      if (list) setDescription(describeBoard(elements));
      if (elements.length === 0) {
        setPicture(null);
        return;
      }
      const svg = await exportToSvg({ elements: elements as unknown as ExportElements, appState: { exportBackground: true, viewBackgroundColor: '#ffffff' }, files: Object.fromEntries(board.files().map((f) => [f.id, f])) as unknown as ExportFiles, exportPadding: 16 });
      if (!alive) return;
      const next = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
      if (url) URL.revokeObjectURL(url);
      url = next;
      setPicture({ url: next, count: elements.length });
    };
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void render();
      }, 400);
    };
    void Promise.all([client.loadedLocally(docName), layerName ? client.loadedLocally(layerName) : null]).then(render);
    // Any change, this device's included (the facilitator drawing on the room's board updates its picture too).
    const maps = [docName, layerName].flatMap((name) => (name ? [client.doc(name).getMap('elements'), client.doc(name).getMap('files')] : []));
    maps.forEach((m) => m.observe(schedule));
    const stop = () => maps.forEach((m) => m.unobserve(schedule));
    return () => {
      alive = false;
      stop();
      if (timer) clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, docName, layerName, board, list]);

  const preview = (
    <div className="board-preview" data-testid="board-preview" data-elements={count} style={picture ? { height } : { padding: 12 }}>
      {picture ? <img src={picture.url} alt={`${label}: ${picture.count} shape${picture.count === 1 ? '' : 's'}`} /> : <p className="empty" style={{ margin: 0 }}>Nothing drawn on the board yet.</p>}
    </div>
  );
  return list && description ? (
    <>
      {preview}
      <BoardList label={label} description={description} />
    </>
  ) : (
    preview
  );
}
