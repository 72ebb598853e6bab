import { z } from "zod";
import { CLAIM_STATES } from "@/lib/domain/claims";
import { LANGUAGE_TAG } from "@/lib/domain/language-tag";
import { calendarDate, isStorableText, parseInstant } from "./params";

export const QUEUE_SORTS = ["checkworthy", "newest", "oldest"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isStorableText)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

const dateParam = calendarDate.optional().catch(undefined);

/**
 * The queue's view, all of it in the URL so it can be shared. Unknown or malformed
 * values fall back to the default rather than failing the page.
 */
export const queueQuery = z.object({
  state: z.enum(CLAIM_STATES).optional().catch(undefined),
  assignee: z
    .union([z.literal("mine"), z.literal("unassigned"), z.uuid()])
    .optional()
    .catch(undefined),
  verdict: z.uuid().optional().catch(undefined),
  article: z.uuid().optional().catch(undefined),
  speaker: text(200),
  q: text(200),
  from: dateParam,
  to: dateParam,
  min: z.coerce.number().min(0).max(1).optional().catch(undefined),
  /** Claims of articles in this language (a BCP 47 tag as stored: `es`, `en`). */
  language: z.string().regex(LANGUAGE_TAG).optional().catch(undefined),
  /** Claims matched in the fact-check library (or an approved claim of the desk's), or repeats only. */
  checked: z.enum(["yes", "repeat"]).optional().catch(undefined),
  sort: z
    .enum(QUEUE_SORTS)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? "checkworthy"),
  after: text(400),
});

export type QueueQuery = z.infer<typeof queueQuery>;

/** The opaque cursor of keyset pagination: the sort key and id of the last row shown. */
export function encodeCursor(values: { key: string | number; id: string }): string {
  return Buffer.from(JSON.stringify([values.key, values.id])).toString("base64url");
}

type CursorKey = { date: Date; number: number };

/**
 * The cursor's key and id when it holds the kind of key the order needs (an instant for
 * the date orders, a number for check-worthiness) and a uuid; else null, and the list
 * starts at its first page. A tampered cursor never reaches a query.
 */
export function decodeCursor<K extends keyof CursorKey>(
  cursor: string | undefined,
  kind: K,
): { key: CursorKey[K]; id: string } | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [rawKey, id] = parsed as [unknown, unknown];
  if (typeof id !== "string" || !z.uuid().safeParse(id).success) return null;
  const key =
    kind === "date"
      ? parseInstant(rawKey)
      : typeof rawKey === "number" && Number.isFinite(rawKey)
        ? rawKey
        : null;
  return key === null ? null : { key: key as CursorKey[K], id };
}
