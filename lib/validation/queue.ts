import { z } from "zod";
import { CLAIM_STATES } from "@/lib/domain/claims";

export const QUEUE_SORTS = ["checkworthy", "newest", "oldest"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

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

export function decodeCursor(
  cursor: string | undefined,
): { key: string | number; id: string } | null {
  if (!cursor) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [
      unknown,
      unknown,
    ];
    if (
      (typeof key === "string" || typeof key === "number") &&
      typeof id === "string" &&
      z.uuid().safeParse(id).success
    ) {
      return { key, id };
    }
  } catch {
    // A tampered cursor reads as the first page.
  }
  return null;
}
