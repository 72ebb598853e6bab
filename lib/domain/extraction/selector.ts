/** W3C TextQuoteSelector for a span: enough context to re-anchor it if offsets are lost. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

const CONTEXT = 32;

export function quoteSelector(body: string, start: number, end: number): QuoteSelector {
  return {
    exact: body.slice(start, end),
    prefix: body.slice(Math.max(0, start - CONTEXT), start),
    suffix: body.slice(end, end + CONTEXT),
  };
}

/**
 * Finds a selector's span in a body: the exact text where prefix and suffix agree best,
 * or null when the exact text is gone.
 */
export function anchorQuote(
  body: string,
  selector: QuoteSelector,
): { start: number; end: number } | null {
  if (!selector.exact) return null;
  let best: { start: number; score: number } | null = null;
  for (let at = body.indexOf(selector.exact); at >= 0; at = body.indexOf(selector.exact, at + 1)) {
    const before = body.slice(Math.max(0, at - selector.prefix.length), at);
    const after = body.slice(
      at + selector.exact.length,
      at + selector.exact.length + selector.suffix.length,
    );
    const score = commonSuffix(before, selector.prefix) + commonPrefix(after, selector.suffix);
    if (!best || score > best.score) best = { start: at, score };
  }
  return best ? { start: best.start, end: best.start + selector.exact.length } : null;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
