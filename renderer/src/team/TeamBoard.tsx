/**
 * A whiteboard: Excalidraw (bundled with its fonts, no CDN) bound to the board's document through BoardSync — one
 * Yjs entry per element version, merged element by element by one rule on every replica, so concurrent drawing
 * by teammates survives and only changed elements cross the network. Room boards carry the facilitator's layer
 * (shared/sync/boardLayers.ts): what the facilitator draws there, learners see locked and cannot change.
 * Document content is untrusted: it is restored through Excalidraw's `restoreElements` and merged with its
 * `reconcileElements` (boardScene.ts). Pictures are shared through the board's document, content-addressed and
 * size-limited (boardImages.ts, shared/sync/boardFiles.ts); one that cannot be shared is said so under the board.
 * For screen-reader users the board is a named region and has a text alternative: its elements as a list
 * (shared/room/boardDescription.ts), kept up to date as the board changes, at most every DESCRIBE_MS; the
 * controls Excalidraw leaves unnamed are named (boardControlNames.ts).
 * Loaded on demand (see loadTeamBoard).
 */
import '@excalidraw/excalidraw/index.css';
import { Excalidraw, exportToBlob, exportToSvg } from '@excalidraw/excalidraw';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useContent } from '../content/ContentProvider';
import { libraryItemsFrom } from './boardLibrary';
import { fileIdGenerator, type FileSink } from './boardImages';
import { reconcileWithDoc, restoreFromDoc, svgText, type SceneElement } from './boardScene';
import { colorFor } from './colors';
import type { RoomClient } from '../../../shared/sync/roomClient';
import type { BoardElement } from '../../../shared/room/elementMerge';
import type { BoardFile, FileLike } from '../../../shared/sync/boardFiles';
import { LayeredBoard, layerDocFor } from '../../../shared/sync/boardLayers';
import { boardSyncOf } from '../../../shared/sync/boardSync';
import { describeBoard, type BoardDescription } from '../../../shared/room/boardDescription';
import { BoardList } from './BoardList';
import { nameBoardControls } from './boardControlNames';

type Api = Parameters<NonNullable<React.ComponentProps<typeof Excalidraw>['excalidrawAPI']>>[0];
type SceneElements = Parameters<Api['updateScene']>[0]['elements'];
type SceneFiles = Parameters<Api['addFiles']>[0];

interface PointerState {
  x: number;
  y: number;
  tool: 'pointer' | 'laser';
  button: 'up' | 'down';
  name: string;
  color: string;
}

const asSceneFiles = (files: BoardFile[]) => files as unknown as SceneFiles;
/** The list for screen readers is rebuilt at most this often while the board changes. */
const DESCRIBE_MS = 600;
const EMPTY: BoardDescription = { total: 0, items: [], more: 0 };

/** @param label what the board is, e.g. "Team Falcon's board" (its region is named "… — drawing canvas"). */
export default function TeamBoard({
  client,
  docName,
  readOnly = false,
  userName = 'Me',
  label = docName.startsWith('room/') ? "The room's board" : "Your team's board",
}: {
  client: RoomClient;
  docName: string;
  readOnly?: boolean;
  userName?: string;
  label?: string;
}) {
  const [api, setApi] = useState<Api | null>(null);
  const [count, setCount] = useState(0);
  const layerName = layerDocFor(docName);
  const facilitator = client.welcome?.role === 'facilitator';
  const board = useMemo(
    () =>
      new LayeredBoard(
        boardSyncOf(client.doc(docName)),
        layerName ? boardSyncOf(client.doc(layerName)) : null,
        facilitator && !readOnly,
        !readOnly,
      ),
    [client, docName, layerName, facilitator, readOnly],
  );
  const [message, setMessage] = useState<string | null>(null);
  const apiRef = useRef<Api | null>(null);
  apiRef.current = api;
  const generateIdForFile = useMemo(() => fileIdGenerator(() => apiRef.current as unknown as FileSink | null), []);
  const applyRef = useRef<((force?: ReadonlySet<string>) => void) | null>(null);
  const { pack } = useContent();
  const listId = useId();
  const boardRef = useRef<HTMLDivElement>(null);
  useEffect(() => (boardRef.current ? nameBoardControls(boardRef.current) : undefined), []);
  // The text alternative: rebuilt from the latest scene once per DESCRIBE_MS at most, never for an unchanged scene.
  const [description, setDescription] = useState<BoardDescription>(EMPTY);
  const latestScene = useRef<readonly unknown[] | null>(null);
  const describedScene = useRef<readonly unknown[] | null>(null);
  const describeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const describeSoon = useCallback((elements: readonly unknown[]) => {
    latestScene.current = elements;
    if (describeTimer.current) return;
    describeTimer.current = setTimeout(() => {
      describeTimer.current = null;
      const scene = latestScene.current;
      if (!scene || scene === describedScene.current) return;
      describedScene.current = scene;
      setDescription(describeBoard(scene));
    }, DESCRIBE_MS);
  }, []);
  useEffect(
    () => () => {
      if (describeTimer.current) clearTimeout(describeTimer.current);
    },
    [],
  );
  const libraryItems = useMemo(() => libraryItemsFrom(pack.libraries ?? []), [pack]);

  // The scene this device already has goes in as Excalidraw's initial data. Excalidraw replaces its scene with its
  // initial data once it has finished mounting, so a scene applied before that (from the device's copy, say after a
  // reload) would be wiped and never re-applied; the elements are read when it asks, so nothing that arrived
  // meanwhile is missed.
  const framed = useRef(false);
  const initialData = useMemo(
    () => async () => {
      await Promise.all([client.loadedLocally(docName), layerName ? client.loadedLocally(layerName) : null]);
      const elements = restoreFromDoc(board.elements());
      framed.current = elements.some((e) => !e.isDeleted);
      return {
        elements: elements as unknown as SceneElements,
        files: Object.fromEntries(board.files().map((f) => [f.id, f])) as unknown as Record<string, SceneFiles[number]>,
        libraryItems,
        scrollToContent: framed.current,
      };
    },
    // Read once, on mounting: later changes arrive through onRemoteChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  useEffect(() => {
    if (!api) return;
    const apply = (force?: ReadonlySet<string>) => {
      const local = api.getSceneElementsIncludingDeleted() as unknown as SceneElement[];
      const merged = reconcileWithDoc(
        local,
        restoreFromDoc(board.elements()),
        api.getAppState() as unknown as Parameters<typeof reconcileWithDoc>[2],
        force,
      );
      api.updateScene({ elements: merged as unknown as SceneElements });
      setCount(merged.filter((e) => !e.isDeleted).length);
      describeSoon(merged);
    };
    applyRef.current = apply;
    // Pictures others shared (the editor keeps the ones it has; a file is never replaced under its id).
    const addFiles = () => api.addFiles(asSceneFiles(board.files()));
    // A device that had nothing of this board frames it once the room's copy has arrived.
    void client.whenSynced(docName).then(() => {
      if (framed.current || api.getSceneElements().length === 0) return;
      framed.current = true;
      api.scrollToContent(undefined, { fitToContent: true });
    });
    const stops = [board.onRemoteChange(() => apply()), board.onFilesChange(addFiles)];
    addFiles();
    return () => {
      applyRef.current = null;
      stops.forEach((stop) => stop());
    };
  }, [api, board, client, docName, describeSoon]);

  const download = (blob: Blob, ext: string) => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${docName.replace(/\//g, '-')}.${ext}`;
    a.click();
    URL.revokeObjectURL(url);
  };
  // Teammates' pointers with their names, through the room's awareness on this board.
  const awareness = useMemo(() => client.awareness(docName), [client, docName]);
  useEffect(() => {
    if (!api) return;
    const show = () => {
      const collaborators = new Map<string, unknown>();
      for (const [id, state] of awareness.getStates()) {
        const p = (state as { pointer?: PointerState }).pointer;
        if (id === awareness.clientID || !p) continue;
        collaborators.set(String(id), {
          pointer: { x: p.x, y: p.y, tool: p.tool },
          button: p.button,
          username: p.name,
          color: { background: p.color, stroke: p.color },
        });
      }
      api.updateScene({ collaborators: collaborators as unknown as Parameters<Api['updateScene']>[0]['collaborators'] });
    };
    awareness.on('change', show);
    return () => awareness.off('change', show);
  }, [api, awareness]);
  const lastPointer = useRef(0);
  const onPointerUpdate = (payload: { pointer: { x: number; y: number; tool: 'pointer' | 'laser' }; button: 'down' | 'up' }) => {
    const now = Date.now();
    if (now - lastPointer.current < 50) return; // at most 20 updates a second
    lastPointer.current = now;
    awareness.setLocalStateField('pointer', {
      ...payload.pointer,
      button: payload.button,
      name: userName,
      color: colorFor(client.welcome?.learnerId ?? userName),
    } satisfies PointerState);
  };

  const exportSvg = async () => {
    if (!api) return;
    const svg = await exportToSvg({ elements: api.getSceneElements(), appState: { exportBackground: true }, files: api.getFiles() });
    download(new Blob([svgText(svg)], { type: 'image/svg+xml' }), 'svg');
  };
  const exportPng = async () => {
    if (!api) return;
    download(
      await exportToBlob({
        elements: api.getSceneElements(),
        appState: { exportBackground: true },
        files: api.getFiles(),
        mimeType: 'image/png',
      }),
      'png',
    );
  };

  return (
    <div className="team-board">
      {/* Excalidraw caches where its canvas sits on the page; content above it (an editor loading, a section
          opening) moves it without a scroll or resize, so re-measure whenever a pointer comes in. */}
      <div
        ref={boardRef}
        className="board"
        role="region"
        aria-label={`${label} — drawing canvas`}
        aria-describedby={listId}
        data-testid="team-board"
        data-elements={count}
        onPointerEnter={() => api?.refresh()}
        style={{ height: 'min(72vh, 620px)', border: '1px solid var(--border)', borderRadius: 8, overflow: 'hidden' }}
      >
        <Excalidraw
          excalidrawAPI={setApi}
          initialData={initialData}
          viewModeEnabled={readOnly}
          isCollaborating
          onPointerUpdate={onPointerUpdate}
          generateIdForFile={generateIdForFile}
          onChange={(elements, _appState, files) => {
            setCount(elements.filter((e) => !e.isDeleted).length);
            describeSoon(elements);
            if (readOnly) return;
            const pushed = board.pushLocal(elements as unknown as BoardElement[], files as unknown as Record<string, FileLike>);
            // A learner's change to the facilitator's layer is not kept: the layer's version goes back at once.
            if (pushed.refused.length > 0) {
              const force = new Set(pushed.refused);
              setTimeout(() => applyRef.current?.(force), 0);
            }
            const problem = pushed.fileProblems[0];
            if (problem) {
              setMessage(problem.message);
              api?.setToast({ message: problem.message, closable: true, duration: 8000 });
            }
          }}
        />
      </div>
      {/* The board in words, for screen readers and anyone who wants it. */}
      <BoardList id={listId} label={label} description={description} />
      {message ? (
        <p className="board-message" role="status" data-testid="board-message">
          {message}
        </p>
      ) : null}
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
