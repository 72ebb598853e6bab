import { z } from "zod";
import { LANGUAGE_TAG } from "@/lib/domain/language-tag";
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

/** The longest web address taken anywhere: the import form, a file's articles, a feed's entries. */
export const MAX_URL_LENGTH = 2000;

const httpUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH, "URL is too long")
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

/** A BCP 47 language tag as the desk stores it: `en`, `es`, `pt-BR`. */
const languageTag = z
  .string()
  .trim()
  .regex(LANGUAGE_TAG, "Language must be a code like en or en-GB");

/** A reviewer's correction of an article's language. */
export const articleLanguageInput = z.object({ articleId: z.uuid(), language: languageTag });

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
    /** The page's own canonical address: one article per page. */
    canonicalUrl: z
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
    language: languageTag.optional(),
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

/** How many addresses one "import by URL" may hold. */
export const MAX_URLS_PER_IMPORT = 50;

/** Web addresses to import, one per line (blank lines and repeats ignored). */
export const urlImportInput = z.object({
  urls: z
    .string()
    .max(
      MAX_URLS_PER_IMPORT * 2100,
      `Too much text: paste at most ${MAX_URLS_PER_IMPORT} addresses`,
    )
    .transform((text, ctx) => {
      const urls = [...new Set(text.split(/\s+/).filter(Boolean))];
      const problem =
        urls.length === 0
          ? "Paste at least one web address (http:// or https://)"
          : urls.length > MAX_URLS_PER_IMPORT
            ? `At most ${MAX_URLS_PER_IMPORT} addresses at once (${urls.length} pasted)`
            : urls
                .filter((url) => !httpUrl.safeParse(url).success)
                .slice(0, 3)
                .map(
                  (url) =>
                    `“${url.slice(0, 80)}” is not a web address starting with http:// or https://`,
                )
                .join("; ");
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return urls;
    }),
});

/** A feed to follow, and how often to poll it. */
export const feedInput = z.object({
  url: httpUrl,
  intervalMinutes: z.coerce
    .number()
    .int()
    .min(5, "Poll at most every 5 minutes")
    .max(1440, "Poll at least once a day")
    .default(30),
  /** A fact-checker's feed: entries' pages are read for ClaimReview, into the library. */
  factChecks: z.boolean().default(false),
});

export const feedRefInput = z.object({ feedId: z.uuid() });
export const feedPauseInput = feedRefInput.extend({ paused: z.boolean() });
