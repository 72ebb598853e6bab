import { z } from "zod";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const pageNumber = z.coerce.number().int().min(1).max(100_000);
const verdictKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/);

/**
 * The public index's parameters: a page number and a verdict's key. Anything else (a page
 * that is not a number, a key no verdict could have) reads as the default view, as the
 * desk's own pages do.
 */
export function publicIndexQuery(params: Record<string, string | string[] | undefined>): {
  page: number;
  verdict: string | undefined;
} {
  const page = pageNumber.safeParse(first(params.page));
  const verdict = verdictKey.safeParse(first(params.verdict));
  return {
    page: page.success ? page.data : 1,
    verdict: verdict.success ? verdict.data : undefined,
  };
}

/** A fact-check's address segment: what slugFor makes (letters, digits and dashes). */
export const factCheckSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/);

/** GET /api/v1/fact-checks: a page of published fact-checks, newest first. */
export const factChecksQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .meta({ description: "Fact-checks per page (1-200, default 50)." }),
  before: z.uuid().optional().meta({
    description: "The cursor of the next page: the `next` link of the previous one holds it.",
  }),
  verdict: verdictKey
    .optional()
    .meta({ description: "Only fact-checks with this verdict (its key)." }),
});
