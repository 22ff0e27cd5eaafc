/**
 * Rich text edited together: TipTap (ProseMirror) bound to a Yjs XML fragment of a room document, with
 * teammates' cursors and names through the room client's awareness. Loaded on demand (React.lazy), so the join
 * page stays light. Undo/redo is Yjs's (per user), not ProseMirror's history.
 * `seed` is a starting document (e.g. the Explore worksheet, shared/room/worksheetSeed.ts): a deterministic
 * update applied before the editor binds, so it appears once however many teammates open the notes.
 */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useMemo } from 'react';
import * as Y from 'yjs';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { colorFor } from './colors';

export default function CollaborativeEditor({ client, docName, field, label, userName, readOnly = false, seed }: { client: RoomClient; docName: string; field: string; label: string; userName: string; readOnly?: boolean; seed?: Uint8Array }) {
  useMemo(() => {
    if (seed && !readOnly) Y.applyUpdate(client.doc(docName), seed);
  }, [client, docName, seed, readOnly]);
  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: client.doc(docName), field }),
        CollaborationCaret.configure({
          provider: { awareness: client.awareness(docName) },
          user: { name: userName, color: colorFor(client.welcome?.learnerId ?? userName) },
        }),
      ],
      editorProps: { attributes: { class: 'rich-editor', 'aria-label': label, role: 'textbox', 'aria-multiline': 'true' } },
    },
    [client, docName, field, readOnly],
  );
  return <EditorContent editor={editor} />;
}
