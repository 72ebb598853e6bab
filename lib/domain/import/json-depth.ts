/**
 * How deep JSON text nests, counted by a scan of its characters before anything parses it.
 *
 * JSON.parse in V8 keeps its own stack, but what walks the parsed value afterwards (a
 * recursive reader, a schema) uses the runtime's stack, whose size differs between Node.js
 * versions: a JSON-LD block nested 10,000 deep was read on Node.js 20 and threw a
 * RangeError on 26. Text nested past a limit is refused here instead, with the same answer
 * on every runtime; the scan is linear and uses no recursion.
 */

/** Deeper than any article record, JSON-LD block or JSON Feed the app reads. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * True when the text opens more than `limit` arrays or objects inside one another.
 * Brackets inside strings do not count; text that is not JSON is left for JSON.parse to
 * refuse (unbalanced brackets are counted as they come).
 */
export function jsonNestsDeeperThan(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The refusal of JSON nested too deep, for an importer to read. */
export function tooDeepMessage(limit: number = MAX_JSON_DEPTH): string {
  return `nests arrays or objects more than ${limit} levels deep; no article needs that many`;
}
