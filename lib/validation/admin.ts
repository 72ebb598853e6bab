import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { email } from "./auth";

export const createUserInput = z.object({
  email,
  name: z.string().trim().min(1, "Name is required").max(200, "Name is too long"),
  role: z.enum(ROLES, { error: "Choose a role" }),
});

export const userRef = z.object({ userId: z.uuid("Unknown user") });
export const changeRoleInput = userRef.extend({ role: z.enum(ROLES, { error: "Choose a role" }) });
export const setDisabledInput = userRef.extend({ disabled: z.boolean() });

export const verdictInput = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      "Key: lower-case words joined by hyphens, e.g. mostly-false",
    )
    .max(60),
  label: z.string().trim().min(1, "Label is required").max(100, "Label is too long"),
  ratingValue: z.coerce.number().int("Whole numbers only").min(0, "0 to 5").max(5, "0 to 5"),
  description: z
    .string()
    .trim()
    .max(500, "Description is too long")
    .optional()
    .transform((v) => v || null),
});
export const verdictUpdateInput = verdictInput.omit({ key: true }).extend({ verdictId: z.uuid() });
export const verdictRef = z.object({ verdictId: z.uuid() });
export const verdictMoveInput = verdictRef.extend({ direction: z.enum(["up", "down"]) });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Re-extraction: older extractors' articles, all, or chosen ones (ids or their addresses). */
export const reextractInput = z
  .object({
    scope: z.enum(["outdated", "all", "chosen"]),
    articles: z.string().max(100_000, "Too many articles at once").optional().default(""),
  })
  .transform(({ scope, articles }) => ({
    scope,
    articleIds: [...new Set((articles.match(UUID) ?? []).map((id) => id.toLowerCase()))],
  }))
  .refine((v) => v.scope !== "chosen" || v.articleIds.length > 0, {
    message: "Name at least one article (its id or its address)",
    path: ["articles"],
  });
