import { authorizeApi, mayReadUnpublished, unlessBusy } from "@/lib/auth/api";
import { findClaimState } from "@/lib/data/claims";
import { listSimilarClaims } from "@/lib/data/matching";
import { similarQuery } from "@/lib/validation/export";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/claims/{id}/similar: claims that say nearly the same, best first, with
 * their state, verdict and similarity score. Tokens without claims:unpublished see
 * approved claims only (and only of an approved claim); signed-in users see all.
 */
export async function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return unlessBusy(() => similar(request, context));
}

async function similar(
  request: Request,
  context: { params: Promise<{ claimId: string }> },
): Promise<Response> {
  const auth = await authorizeApi(request, "claims:read");
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const parsed = similarQuery.safeParse({
    claimId: (await context.params).claimId,
    limit: url.searchParams.get("limit") ?? undefined,
  });
  if (!parsed.success) {
    return Response.json(
      { error: parsed.error.issues.map((i) => i.message).join("; ") },
      { status: 400 },
    );
  }
  // Signed-in people see every claim in the app anyway (the claim page loads this list);
  // tokens need the claims:unpublished scope for claims that are not approved.
  const unpublished = auth.caller.kind === "session" || mayReadUnpublished(auth.caller);
  const state = await findClaimState(parsed.data.claimId);
  if (!state || (!unpublished && state !== "APPROVED")) {
    return Response.json({ error: "No such claim" }, { status: 404 });
  }
  const data = await listSimilarClaims(parsed.data.claimId, parsed.data.limit, {
    approvedOnly: !unpublished,
  });
  return Response.json({ data }, { headers: { "cache-control": "no-store" } });
}
