/**
 * Bounds on JSON text checked BEFORE parsing it: size and nesting depth, in one linear scan.
 *
 * Owns: the limits of the room's control messages (text frames) and the depth scan the host also uses for presence
 * states. Why before: `JSON.parse` and the schema walk of a deeply nested value cost time in proportion to the
 * nesting (a 1 MB `[[[[…` cost ~400 ms per frame) and recursive code over it (JSON.stringify of a presence state)
 * overflows the stack; a scan that only counts brackets outside strings costs one pass and no allocation.
 */

/** The largest control message a client may send (the biggest real one, a vote with 20 long choices, is ~3 KB). */
export const MAX_TEXT_BYTES = 16 * 1024;
/** The deepest nesting of a control message (a vote is 4 levels: message → command → answer → choices). */
export const MAX_TEXT_DEPTH = 8;

/** Whether the JSON text nests deeper than `maxDepth` (brackets inside strings do not count). Never throws. */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
