import { authorizeDeskWork, unlessBusy } from "@/lib/auth/api";
import { agreementPairsCsv } from "@/lib/data/agreement";
import { appBaseUrl } from "@/lib/publisher";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/agreement.csv: the pairs of blind verdicts behind the overview's agreement
 * figures, one row per double-reviewed claim whose two reviews are both in. Reviewers' work
 * in progress: any signed-in user, or a token with claims:read and claims:unpublished.
 */
export async function GET(request: Request) {
  return unlessBusy(async () => {
    const auth = await authorizeDeskWork(request, "Agreement pairs");
    if (!auth.ok) return auth.response;
    return new Response(await agreementPairsCsv(appBaseUrl()), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="claimdesk-agreement-pairs.csv"',
        "cache-control": "no-store",
      },
    });
  });
}
