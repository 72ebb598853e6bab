import { z } from "zod";
import limits from "./upload-limits.json" with { type: "json" };

/** Limits for one article; a larger body is refused with a message, never truncated. */
export const MAX_BODY_CHARS = 1_000_000;

/**
 * The upload limits, in one file that next.config.js reads too (its body-size limits for
 * server actions and for proxy.ts are REQUEST_BYTES): files travel one per request, so one
 * request carries at most one file (or one pasted article) and the form's few fields.
 */
export const MAX_UPLOAD_BYTES = limits.fileBytes;
export const MAX_FILES_PER_IMPORT = limits.filesPerImport;
export const MAX_ARTICLES_PER_FILE = limits.articlesPerFile;
export const REQUEST_BYTES = limits.requestBytes;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .optional()
    .transform((v) => (v ? v : undefined));

const httpUrl = z
  .string()
  .trim()
  .max(2000, "URL is too long")
  .refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "URL must start with http:// or https://");

/** A title for an article sent without one: its first line of text, cut at a word. */
export function titleFromBody(body: string): string {
  const line =
    body
      .split(/\r?\n/)
      .find((l) => l.trim() !== "")
      ?.trim() ?? "";
  if (line.length <= 120) return line;
  const cut = line.slice(0, 120);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 60))}…`;
}

export const articleInput = z
  .object({
    // Optional: an article sent without a title is named by its first line.
    title: z.string().trim().max(500, "Title is too long (at most 500 characters)").optional(),
    body: z
      .string()
      .max(
        MAX_BODY_CHARS,
        `Body is too long (at most ${MAX_BODY_CHARS.toLocaleString("en")} characters)`,
      )
      .refine((b) => b.trim().length > 0, "Body is empty")
      .refine((b) => !b.includes("\u0000"), "Body contains NUL characters"),
    url: z
      .union([httpUrl, z.literal("")])
      .optional()
      .transform((v) => v || undefined),
    outlet: optionalText(200, "Outlet"),
    author: optionalText(300, "Author"),
    publishedAt: z
      .union([z.coerce.date(), z.literal("")])
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .refine((d) => d === undefined || !Number.isNaN(d.getTime()), "Published date is not a date"),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/, "Language must be a code like en or en-GB")
      .optional()
      .transform((v) => v ?? "en"),
  })
  .transform((value) => ({ ...value, title: value.title || titleFromBody(value.body) }))
  .superRefine((value, ctx) => {
    // Title, outlet and author too: PostgreSQL cannot store a NUL character.
    if (Object.values(value).some((v) => typeof v === "string" && v.includes("\u0000")))
      ctx.addIssue({
        code: "custom",
        message: "Text cannot contain NUL characters",
        path: ["title"],
      });
  });

export type ArticleInput = z.infer<typeof articleInput>;
