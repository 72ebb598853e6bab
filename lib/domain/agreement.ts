/**
 * Agreement between two reviewers' independent verdicts on the same claims: the share of
 * claims on which they agree, and Cohen's kappa, that share corrected for the agreement
 * their own habits would give by chance:
 *
 *   p_o = agreed / n
 *   p_e = Σ_k (first rater's share of k) × (second rater's share of k)
 *   κ   = (p_o − p_e) / (1 − p_e)
 *
 * κ is undefined when p_e = 1 (both raters gave every claim one and the same verdict): it
 * is null then, as it is with no claims at all. Pure, so it is tested against hand-worked
 * examples (agreement.test.ts).
 */
export interface Ratings {
  /** The first rater's verdict, the second rater's, and on how many claims they gave this pair. */
  first: string;
  second: string;
  count: number;
}

export interface Agreement {
  claims: number;
  agreed: number;
  /** agreed / claims, or null without claims. */
  raw: number | null;
  kappa: number | null;
}

export function cohensKappa(ratings: readonly Ratings[]): Agreement {
  let claims = 0;
  let agreed = 0;
  const firstShare = new Map<string, number>();
  const secondShare = new Map<string, number>();
  for (const { first, second, count } of ratings) {
    if (count <= 0) continue;
    claims += count;
    if (first === second) agreed += count;
    firstShare.set(first, (firstShare.get(first) ?? 0) + count);
    secondShare.set(second, (secondShare.get(second) ?? 0) + count);
  }
  if (claims === 0) return { claims, agreed, raw: null, kappa: null };
  const observed = agreed / claims;
  let chance = 0;
  for (const [verdict, n] of firstShare)
    chance += (n / claims) * ((secondShare.get(verdict) ?? 0) / claims);
  const kappa = 1 - chance < 1e-12 ? null : (observed - chance) / (1 - chance);
  return { claims, agreed, raw: observed, kappa };
}

/** One group of double-reviewed claims: its two reviewers (in the order they took it), their blind verdicts. */
export interface DoubleReviewRow {
  firstReviewer: { id: string; name: string };
  secondReviewer: { id: string; name: string };
  first: string;
  second: string;
  count: number;
  /** Of these claims, how many an editor has reconciled, and on how many the final verdict was neither reviewer's. */
  reconciled: number;
  finalDiffered: number;
}

export interface AgreementReport {
  /** Every double-reviewed claim; the first rater is whoever took the claim first. */
  overall: Agreement;
  /** Per pair of reviewers (named in a fixed order, each one rater throughout). */
  pairs: Array<Agreement & { reviewers: [string, string] }>;
  reconciled: number;
  finalDiffered: number;
}

export function agreementReport(rows: readonly DoubleReviewRow[]): AgreementReport {
  const pairs = new Map<string, { reviewers: [string, string]; ratings: Ratings[] }>();
  for (const row of rows) {
    // Orient each pair by id, so that each person is the same rater on all their claims.
    const swap = row.firstReviewer.id > row.secondReviewer.id;
    const [a, b] = swap
      ? [row.secondReviewer, row.firstReviewer]
      : [row.firstReviewer, row.secondReviewer];
    const key = `${a.id}|${b.id}`;
    const pair = pairs.get(key) ?? { reviewers: [a.name, b.name], ratings: [] };
    pair.ratings.push({
      first: swap ? row.second : row.first,
      second: swap ? row.first : row.second,
      count: row.count,
    });
    pairs.set(key, pair);
  }
  return {
    overall: cohensKappa(rows),
    pairs: [...pairs.values()]
      .map((p) => ({ reviewers: p.reviewers, ...cohensKappa(p.ratings) }))
      .sort((x, y) => y.claims - x.claims || x.reviewers.join().localeCompare(y.reviewers.join())),
    reconciled: rows.reduce((n, r) => n + r.reconciled, 0),
    finalDiffered: rows.reduce((n, r) => n + r.finalDiffered, 0),
  };
}
