/**
 * A team's board as a picture, for the facilitator's gallery and the projector: the board document's elements
 * rendered by Excalidraw's exporter (no editor), redrawn at most a few times a second while the team draws.
 * Shown as an <img> of a blob URL, so nothing in the drawing can run as markup. Loaded on demand.
 */
import { exportToSvg } from '@excalidraw/excalidraw';
import { useEffect, useMemo, useState } from 'react';
import type { BoardElement } from '../../../shared/room/elementMerge';
import { BoardSync } from '../../../shared/sync/boardSync';
import type { RoomClient } from '../../../shared/sync/roomClient';

type ExportElements = Parameters<typeof exportToSvg>[0]['elements'];

export default function BoardPreview({ client, docName, label, height = 220 }: { client: RoomClient; docName: string; label: string; height?: number }) {
  const sync = useMemo(() => new BoardSync(client.doc(docName)), [client, docName]);
  const [picture, setPicture] = useState<{ url: string; count: number } | null>(null);
  const [count, setCount] = useState(0);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let url: string | null = null;
    const render = async () => {
      const elements = sync.elements().filter((e: BoardElement) => !e.isDeleted);
      setCount(elements.length);
      if (elements.length === 0) {
        setPicture(null);
        return;
      }
      const svg = await exportToSvg({ elements: elements as unknown as ExportElements, appState: { exportBackground: true, viewBackgroundColor: '#ffffff' }, files: null, exportPadding: 16 });
      if (!alive) return;
      const next = URL.createObjectURL(new Blob([svg.outerHTML], { type: 'image/svg+xml' }));
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
    void client.loadedLocally(docName).then(render);
    // Any change, this device's included (the facilitator drawing on the room's board updates its picture too).
    const elementsMap = client.doc(docName).getMap('elements');
    elementsMap.observe(schedule);
    const stop = () => elementsMap.unobserve(schedule);
    return () => {
      alive = false;
      stop();
      if (timer) clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, docName, sync]);

  return (
    <div className="board-preview" data-testid="board-preview" data-elements={count} style={picture ? { height } : { padding: 12 }}>
      {picture ? <img src={picture.url} alt={`${label}: ${picture.count} shape${picture.count === 1 ? '' : 's'}`} /> : <p className="empty" style={{ margin: 0 }}>Nothing drawn on the board yet.</p>}
    </div>
  );
}
