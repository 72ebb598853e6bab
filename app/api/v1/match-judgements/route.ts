import { authorizeDeskWork, unlessBusy } from "@/lib/auth/api";
import { listJudgedPairs } from "@/lib/data/fact-check-matches";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/match-judgements: the "checked before" matches reviewers judged, as JSON Lines
 * of labelled pairs for tuning the matcher: the claim's text, the fact-check's claim and
 * key, the scores the matcher gave and the label (1 = same claim, 0 = not the same).
 */
export async function GET(request: Request) {
  return unlessBusy(async () => {
    const auth = await authorizeDeskWork(request, "Judged matches");
    if (!auth.ok) return auth.response;
    const pairs = await listJudgedPairs();
    const lines = pairs.map((p) =>
      JSON.stringify({
        claim_id: p.claimId,
        claim: p.claim.content ?? p.claim.text,
        fact_check: p.factCheck.key,
        fact_check_claim: p.factCheck.claim,
        score: p.score,
        lexical: p.lexical,
        semantic: p.semantic,
        stage: p.stage.toLowerCase(),
        label: p.judgement === "SAME" ? 1 : 0,
        judged_at: p.judgedAt?.toISOString() ?? null,
      }),
    );
    return new Response(lines.map((l) => `${l}\n`).join(""), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": 'attachment; filename="match-judgements.jsonl"',
        "cache-control": "no-store",
      },
    });
  });
}
