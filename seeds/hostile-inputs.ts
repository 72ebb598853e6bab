/**
 * Inputs that once made import or extraction superlinear, for the linearity test, the
 * benchmark and the end-to-end test of a hostile upload. Each is built to a size in
 * characters (or nesting levels), repeating its pattern.
 */

function repeatTo(pattern: string, chars: number): string {
  return pattern.repeat(Math.ceil(chars / pattern.length)).slice(0, chars);
}

export const HOSTILE_TEXTS: Record<string, (chars: number) => string> = {
  /** Capitalised words with no stop: one endless "sentence" full of names. */
  names: (chars) => repeatTo("Mr Smith Jones Brown ", chars),
  /** An attribution cue every three words. */
  "he said that": (chars) => repeatTo("he said that ", chars),
  /** A quotation and its attribution, over and over, on one line. */
  "quote said": (chars) => repeatTo('"x," said AAA ', chars),
  /** Quotation marks that never close. */
  "open quotes": (chars) => repeatTo("“Nobody closes this, ", chars),
  /** Titles before names, the pattern a pronoun resolver scans back over. */
  titles: (chars) => repeatTo("President Minister Senator Governor Ambassador ", chars),
};

/** News prose: the sample article's paragraphs, repeated to the size asked for. */
export function newsText(sample: string, chars: number): string {
  return repeatTo(sample.trim() + "\n\n", chars);
}

/** `levels` nested <div>s around one paragraph: the page that froze Readability. */
export function nestedHtml(levels: number): string {
  return (
    "<!doctype html><html><head><title>Nested</title></head><body>" +
    "<div>".repeat(levels) +
    "<p>The minister said the budget rose by 4 percent in 2024.</p>" +
    "</div>".repeat(levels) +
    "</body></html>"
  );
}

/**
 * A value `levels` deep ({ a: { a: … leaf } }), built with a loop: a test of the app's
 * depth limits must not itself depend on the runtime's stack (a recursive builder of
 * 10,000 levels overflowed it on Node.js 22 and 24, not on 20).
 */
export function nestedValue(
  levels: number,
  wrap: (inner: unknown) => unknown = (inner) => ({ a: inner }),
  leaf: unknown = {},
): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}
