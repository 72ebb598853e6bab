import { z } from "zod";

const uuid = z.uuid("Unknown claim");
const offset = z.coerce
  .number()
  .int("Offsets are whole numbers")
  .min(0, "Offsets cannot be negative");
const version = z.coerce.number().int().min(1);

export const addClaimInput = z
  .object({ articleId: z.uuid("Unknown article"), start: offset, end: offset })
  .refine((v) => v.end > v.start, { message: "Select some text first", path: ["end"] });

export const claimSpanInput = z
  .object({ claimId: uuid, version, start: offset, end: offset })
  .refine((v) => v.end > v.start, { message: "The end must come after the start", path: ["end"] });

export const splitClaimInput = z.object({ claimId: uuid, version, at: offset });

export const mergeClaimsInput = z.object({
  claimId: uuid,
  version,
  otherClaimId: uuid,
  otherVersion: version,
});

export const dismissClaimInput = z.object({
  claimId: uuid,
  version,
  reason: z
    .string()
    .trim()
    .min(3, "Give a reason (at least 3 characters)")
    .max(1000, "Reason is too long"),
});
