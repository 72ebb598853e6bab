import { z } from "zod";

const claimRef = { claimId: z.uuid("Unknown claim"), version: z.coerce.number().int().min(1) };
const reason = z
  .string()
  .trim()
  .min(3, "Give a reason (at least 3 characters)")
  .max(2000, "Reason is too long");

export const approveInput = z.object(claimRef);
export const returnInput = z.object({ ...claimRef, reason });
export const reopenInput = z.object({ ...claimRef, reason });
