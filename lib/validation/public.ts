import { z } from "zod";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const verdictKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/);
/** An index cursor (olderThan of lib/data/public.ts): a publication time and an id. */
const indexCursor = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/,
  )
  .transform((cursor) => {
    const [publishedAt, id] = cursor.split("_") as [string, string];
    return { publishedAt, id };
  })
  .refine((cursor) => !Number.isNaN(Date.parse(cursor.publishedAt)));

/**
 * The public index's parameters: a cursor (the page after it) and a verdict's key.
 * Anything else (a cursor that is not one, a key no verdict could have) reads as the
 * default view, as the desk's own pages do.
 */
export function publicIndexQuery(params: Record<string, string | string[] | undefined>): {
  before: { publishedAt: string; id: string } | undefined;
  verdict: string | undefined;
} {
  const before = indexCursor.safeParse(first(params.before));
  const verdict = verdictKey.safeParse(first(params.verdict));
  return {
    before: before.success ? before.data : undefined,
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
