/**
 * A plain-text area bound to a Y.Text: local typing becomes the minimal delete+insert, remote changes update the
 * text and keep the caret in place. (Rich collaborative text with cursors arrives with the team notes.)
 */
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

export function applyTextChange(ytext: Y.Text, before: string, after: string): void {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  ytext.doc?.transact(() => {
    if (endBefore > start) ytext.delete(start, endBefore - start);
    if (endAfter > start) ytext.insert(start, after.slice(start, endAfter));
  });
}

export function SharedTextArea({ ytext, label, id, readOnly = false }: { ytext: Y.Text; label: string; id: string; readOnly?: boolean }) {
  const [value, setValue] = useState(() => ytext.toString());
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const update = () => {
      const el = area.current;
      const caret = el && document.activeElement === el ? [el.selectionStart, el.selectionEnd] : null;
      setValue(ytext.toString());
      if (caret && el) requestAnimationFrame(() => el.setSelectionRange(caret[0]!, caret[1]!));
    };
    update();
    ytext.observe(update);
    return () => ytext.unobserve(update);
  }, [ytext]);
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={area}
        className="input"
        value={value}
        readOnly={readOnly}
        onChange={(e) => {
          applyTextChange(ytext, ytext.toString(), e.target.value);
          setValue(e.target.value);
        }}
      />
    </div>
  );
}
