/**
 * Owns: how a picture put on a board becomes a shareable file — at most 1440 px on its longer side (as Excalidraw
 * does), encoded once here, and identified by the hash of what is stored (shared/sync/boardFiles.ts), so every
 * device can check a picture against its id. Excalidraw calls `generateIdForFile` before it would resize the
 * picture itself; the file is added to the editor here, under its content id, so Excalidraw uses this encoding
 * as it is. SVG is drawn to PNG (the editor would otherwise rewrite an SVG's data after its id was taken).
 */
import { MAX_FILE_CHARS, contentId } from '../../../shared/sync/boardFiles';

const MAX_SIDE = 1440;
const KEEP_AS_IS = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function readAsDataURL(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('could not read the picture'));
    reader.readAsDataURL(blob);
  });
}

function loadImage(blob: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('this file is not a picture the board can show'));
    };
    img.src = url;
  });
}

/** The picture as it will be stored: its dataURL and type. */
export async function encodeForBoard(file: Blob): Promise<{ dataURL: string; mimeType: string }> {
  const img = await loadImage(file);
  const side = Math.max(img.naturalWidth, img.naturalHeight) || 1;
  if (KEEP_AS_IS.has(file.type) && side <= MAX_SIDE && file.size * 1.34 + 64 <= MAX_FILE_CHARS) {
    return { dataURL: await readAsDataURL(file), mimeType: file.type };
  }
  const scale = Math.min(1, MAX_SIDE / side);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round((img.naturalWidth || MAX_SIDE) * scale));
  canvas.height = Math.max(1, Math.round((img.naturalHeight || MAX_SIDE) * scale));
  canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
  const png = canvas.toDataURL('image/png');
  if (png.length <= MAX_FILE_CHARS || file.type === 'image/svg+xml') return { dataURL: png, mimeType: 'image/png' };
  return { dataURL: canvas.toDataURL('image/jpeg', 0.85), mimeType: 'image/jpeg' };
}

export interface FileSink {
  addFiles(files: { id: string; dataURL: string; mimeType: string; created: number }[]): void;
}

/** Excalidraw's `generateIdForFile`: encodes the picture, adds it to the editor under its content id, returns the id. */
export function fileIdGenerator(sink: () => FileSink | null): (file: File) => Promise<string> {
  return async (file) => {
    const { dataURL, mimeType } = await encodeForBoard(file);
    const id = contentId(dataURL);
    sink()?.addFiles([{ id, dataURL, mimeType, created: Date.now() }]);
    return id;
  };
}
