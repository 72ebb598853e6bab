import { authorizeDeskWork, unlessBusy } from "@/lib/auth/api";
import { listRepeats } from "@/lib/data/fact-check-matches";
import { appBaseUrl } from "@/lib/publisher";
import { repeatsQuery } from "@/lib/validation/claim";
import { queryProblems } from "@/lib/validation/field-errors";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/repeats?days=7&limit=100: new claims that repeat a verdict the desk approved
 * (matched in the fact-check library at import, not judged "not the same"), newest first.
 * The new claims are not reviewed yet: a token needs the claims:unpublished scope.
 */
export async function GET(request: Request) {
  return unlessBusy(async () => {
    const auth = await authorizeDeskWork(request, "Repeats");
    if (!auth.ok) return auth.response;
    const parsed = repeatsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      return Response.json({ error: queryProblems(parsed.error) }, { status: 400 });
    }
    const { days, limit } = parsed.data;
    const base = appBaseUrl().replace(/\/$/, "");
    const rows = await listRepeats({ days, limit });
    return Response.json(
      {
        data: rows.map((r) => ({
          claim: { id: r.claimId, text: r.claimText, url: `${base}/claims/${r.claimId}` },
          speaker: r.speaker,
          outlet: r.outlet,
          article: r.articleTitle,
          foundAt: r.createdAt.toISOString(),
          score: Number(r.score.toFixed(4)),
          repeats: {
            claimId: r.earlierClaimId,
            text: r.earlierText,
            rating: r.rating,
            ratedAt: r.ratedAt?.toISOString() ?? null,
            url: r.url,
          },
        })),
      },
      { headers: { "cache-control": "no-store" } },
    );
  });
}
