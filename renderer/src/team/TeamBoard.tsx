/**
 * A team's whiteboard: Excalidraw (bundled with its fonts, no CDN) bound to the team's board document through
 * BoardSync — one Yjs entry per element, merged element by element, so concurrent drawing by teammates survives
 * and only changed elements cross the network. Loaded on demand (see loadTeamBoard).
 */
import '@excalidraw/excalidraw/index.css';
import { Excalidraw, exportToBlob, exportToSvg } from '@excalidraw/excalidraw';
import { useEffect, useMemo, useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { mergeElements, type BoardElement } from '../../../shared/room/elementMerge';
import { BoardSync } from '../../../shared/sync/boardSync';

type Api = Parameters<NonNullable<React.ComponentProps<typeof Excalidraw>['excalidrawAPI']>>[0];
type SceneElements = Parameters<Api['updateScene']>[0]['elements'];

export default function TeamBoard({ client, docName, readOnly = false }: { client: RoomClient; docName: string; readOnly?: boolean }) {
  const [api, setApi] = useState<Api | null>(null);
  const [count, setCount] = useState(0);
  const sync = useMemo(() => new BoardSync(client.doc(docName)), [client, docName]);

  useEffect(() => {
    if (!api) return;
    const apply = () => {
      const local = api.getSceneElementsIncludingDeleted() as unknown as BoardElement[];
      const merged = mergeElements(local, sync.elements());
      api.updateScene({ elements: merged as unknown as SceneElements });
      setCount(merged.filter((e) => !e.isDeleted).length);
    };
    void client.loadedLocally(docName).then(apply);
    const stop = sync.onRemoteChange(apply);
    return stop;
  }, [api, sync, client, docName]);

  const download = (blob: Blob, ext: string) => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${docName.replace(/\//g, '-')}.${ext}`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const exportSvg = async () => {
    if (!api) return;
    const svg = await exportToSvg({ elements: api.getSceneElements(), appState: { exportBackground: true }, files: api.getFiles() });
    download(new Blob([svg.outerHTML], { type: 'image/svg+xml' }), 'svg');
  };
  const exportPng = async () => {
    if (!api) return;
    download(await exportToBlob({ elements: api.getSceneElements(), appState: { exportBackground: true }, files: api.getFiles(), mimeType: 'image/png' }), 'png');
  };

  return (
    <div>
      <div className="board" data-testid="team-board" data-elements={count} style={{ height: 480, border: '1px solid var(--border)', borderRadius: 8, overflow: 'hidden' }}>
        <Excalidraw
          excalidrawAPI={setApi}
          viewModeEnabled={readOnly}
          isCollaborating
          onChange={(elements) => {
            if (!readOnly) sync.pushLocal(elements as unknown as BoardElement[]);
            setCount(elements.filter((e) => !e.isDeleted).length);
          }}
        />
      </div>
      <div className="page-actions">
        <button type="button" className="btn" onClick={() => void exportPng()} disabled={!api}>
          Export PNG
        </button>
        <button type="button" className="btn" onClick={() => void exportSvg()} disabled={!api}>
          Export SVG
        </button>
      </div>
    </div>
  );
}
