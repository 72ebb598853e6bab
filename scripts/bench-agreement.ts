/**
 * What the overview's agreement figures cost to compute (kappa per pair, alpha, raw
 * agreement and their bootstrap intervals) for a desk with 100 to 100,000 double-reviewed
 * claims, twelve reviewers and six verdicts (70% agreement), on this process's one core.
 * The overview computes them once per change of the double reviews (lib/data/agreement.ts
 * keeps the last report). Run: npx tsx scripts/bench-agreement.ts
 */
import { agreementReport, type DoubleReviewRow } from "@/lib/domain/agreement";
const verdicts = ["true", "mostly-true", "half", "mostly-false", "false", "pants"];
// The first size twice: its first run warms the engine up and is not printed.
for (const [run, claims] of [100, 100, 1000, 10000, 100000].entries()) {
  const reviewers = Array.from({ length: 12 }, (_, i) => ({ id: `r${i}`, name: `R${i}` }));
  const cells = new Map<string, DoubleReviewRow>();
  let seed = 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let c = 0; c < claims; c++) {
    const a = Math.floor(rnd() * 12),
      b = (a + 1 + Math.floor(rnd() * 11)) % 12;
    const v1 = verdicts[Math.floor(rnd() * 6)]!;
    const v2 = rnd() < 0.7 ? v1 : verdicts[Math.floor(rnd() * 6)]!;
    const key = `${a}|${b}|${v1}|${v2}`;
    const row = cells.get(key) ?? {
      firstReviewer: reviewers[a]!,
      secondReviewer: reviewers[b]!,
      first: v1,
      second: v2,
      count: 0,
      reconciled: 0,
      finalDiffered: 0,
    };
    row.count++;
    cells.set(key, row);
  }
  const t = performance.now();
  const report = agreementReport([...cells.values()]);
  if (run > 0)
    console.log(
      `${claims} claims, ${cells.size} rows, ${report.pairs.length} pairs: ${(performance.now() - t).toFixed(0)} ms; alpha ${report.overall.alpha?.toFixed(3)} [${report.overall.alphaInterval?.map((x) => x.toFixed(3)).join(", ")}]`,
    );
}
