/**
 * Owns: accessible names for controls of Excalidraw's own UI that Excalidraw 0.18 leaves unnamed or misnamed, and
 * that no prop or UIOptions entry can name (checked against its ExcalidrawProps/UIOptions; reported upstream as
 * excalidraw/excalidraw#11297 and #7492):
 * - the main menu's trigger (`.main-menu-trigger`, an icon-only button: axe button-name, critical);
 * - the colour pickers' containers (`role="dialog"` without a name: axe aria-dialog-name, serious), named after the
 *   picker's own trigger ("Stroke colours");
 * - the zoom reset button, whose name "Reset zoom" does not contain what it shows ("100%": axe
 *   label-content-name-mismatch, serious), named "100% — Reset zoom".
 * Excalidraw sets these attributes only when their props change, so a name set here stays; a MutationObserver on
 * the board (coalesced to one pass a frame, a handful of selectors) names controls as Excalidraw mounts them.
 */

const FIXES: { selector: string; name: (el: Element) => string | null }[] = [
  { selector: 'button.main-menu-trigger', name: () => 'Board menu' },
  {
    selector: '.color-picker-container[role="dialog"]',
    name: (el) => {
      const picker = el.querySelector('.color-picker__button[aria-label]')?.getAttribute('aria-label')?.trim();
      return picker ? `${picker} colours` : 'Colours';
    },
  },
  {
    selector: 'button.reset-zoom-button',
    name: (el) => {
      const shown = (el.textContent ?? '').trim();
      return shown ? `${shown} — Reset zoom` : 'Reset zoom';
    },
  },
];

/** Names Excalidraw's unnamed controls under `root` now and whenever they change; returns the stop function. */
export function nameBoardControls(root: HTMLElement): () => void {
  let frame = 0;
  const apply = () => {
    frame = 0;
    for (const fix of FIXES) {
      for (const el of root.querySelectorAll(fix.selector)) {
        const name = fix.name(el);
        if (name && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      }
    }
  };
  // Attributes are not observed, so naming a control does not call this again.
  const observer = new MutationObserver(() => {
    if (!frame) frame = requestAnimationFrame(apply);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  apply();
  return () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}
