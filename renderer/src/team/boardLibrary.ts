/**
 * The content's diagram pieces (content/libraries/) as Excalidraw library items: each piece's shapes become
 * Excalidraw elements through Excalidraw's own skeleton converter, so labels are bound to their containers and
 * text is measured with the bundled fonts. They are "published" items, listed under a heading the board's CSS
 * renames to "MLOps pieces"; the personal library stays for a team's own. Part of the lazily loaded board chunk.
 */
import { convertToExcalidrawElements } from '@excalidraw/excalidraw';
import type { BoardLibrary, BoardShape } from '../../../shared/content/schema';

type Skeleton = Parameters<typeof convertToExcalidrawElements>[0] extends (infer S)[] | null ? S : never;

function skeletonOf(shape: BoardShape): Skeleton {
  const stroke = shape.stroke ?? '#1e1e1e';
  if (shape.type === 'text') return { type: 'text', x: shape.x, y: shape.y, text: shape.label ?? '', fontSize: shape.fontSize ?? 20, strokeColor: stroke };
  const common = {
    x: shape.x,
    y: shape.y,
    width: shape.width ?? 100,
    height: shape.height ?? 60,
    strokeColor: stroke,
    strokeStyle: shape.strokeStyle ?? 'solid',
  } as const;
  if (shape.type === 'arrow' || shape.type === 'line') return { type: shape.type, ...common } as Skeleton;
  return {
    type: shape.type,
    ...common,
    backgroundColor: shape.fill ?? 'transparent',
    fillStyle: 'solid',
    roundness: shape.rounded ? { type: 3 } : null,
    ...(shape.label ? { label: { text: shape.label, fontSize: shape.fontSize ?? 20 } } : {}),
  } as Skeleton;
}

export interface PieceItem {
  id: string;
  status: 'published';
  name: string;
  created: number;
  elements: ReturnType<typeof convertToExcalidrawElements>;
}

export function libraryItemsFrom(libraries: BoardLibrary[]): PieceItem[] {
  return libraries.flatMap((library) =>
    library.pieces.map((piece) => ({
      id: piece.id,
      status: 'published' as const,
      name: piece.name,
      created: 0,
      elements: convertToExcalidrawElements(piece.shapes.map(skeletonOf), { regenerateIds: true }),
    })),
  );
}
