import { prisma } from "@/lib/db";
import { takeClaims } from "@/lib/data/assignment";
import { saveReview } from "@/lib/data/review";
import type { SessionUser } from "@/lib/data/users";
import { reviewFormInput } from "@/lib/validation/review";
import { createClaim } from "@/seeds/factories";

/**
 * A new claim taken by `by` and submitted for approval with `verdictId`, a rationale and one
 * refuting primary source: what approval and notification tests start from.
 */
export async function submittedClaim(
  by: SessionUser,
  verdictId: string,
  claim: Parameters<typeof createClaim>[1] = {},
) {
  const created = await createClaim(prisma, claim);
  await takeClaims(by, [{ id: created.id, version: 1 }]);
  const input = reviewFormInput.parse({
    claimId: created.id,
    version: 2,
    verdictId,
    rationale: "The figures in the official report differ.",
    evidence: [{ url: "https://example.org/report", stance: "REFUTES", sourceType: "PRIMARY" }],
  });
  const result = await saveReview(by, input, { submit: true });
  return { id: created.id, claimId: created.id, version: result.version };
}
