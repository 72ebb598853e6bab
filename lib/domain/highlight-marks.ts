/** Marks around matched words in search snippets; split by the UI, never rendered as HTML. */
export const HIGHLIGHT_START = "\u0001";
export const HIGHLIGHT_END = "\u0002";
