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
