/**
 * Agreement between reviewers' independent verdicts on the same claims, as a methods
 * editor reports it: the share of claims on which two reviewers agree; per pair of
 * reviewers, Cohen's kappa; over all reviewers, Krippendorff's alpha (nominal); each with
 * a 95% percentile-bootstrap interval over claims, and the number of claims beside it.
 *
 * Cohen's kappa is the share of agreement corrected for the agreement the two raters' own
 * habits would give by chance:
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
  /** The claims the figures are computed on: shown beside every figure. */
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

export interface PairAgreement extends Agreement {
  reviewers: [string, string];
  /** 95% bootstrap interval of kappa; null when kappa is undefined in most resamples. */
  kappaInterval: Interval | null;
}

export interface AgreementReport {
  /**
   * Every double-reviewed claim: raw agreement, and Krippendorff's alpha over all reviewers
   * (each claim one unit with its two verdicts, whoever gave them), with its interval.
   */
  overall: Agreement & {
    rawInterval: Interval | null;
    alpha: number | null;
    alphaInterval: Interval | null;
  };
  /** Per pair of reviewers (named in a fixed order, each one rater throughout), kappa with its interval. */
  pairs: PairAgreement[];
  /**
   * Verdict by verdict: counts[i][j] claims on which the reviewer who took the claim first
   * gave verdicts[i] and the other verdicts[j]. Verdicts are the keys used, most used first.
   */
  confusion: { verdicts: string[]; counts: number[][] };
  reconciled: number;
  finalDiffered: number;
}

const rawOf = (ratings: readonly Ratings[]) => cohensKappa(ratings).raw;
const kappaOf = (ratings: readonly Ratings[]) => cohensKappa(ratings).kappa;

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
    overall: {
      ...cohensKappa(rows),
      rawInterval: bootstrapInterval(rows, rawOf),
      alpha: alphaOf(rows),
      alphaInterval: bootstrapInterval(rows, alphaOf),
    },
    pairs: [...pairs.values()]
      .map((p) => ({
        reviewers: p.reviewers,
        ...cohensKappa(p.ratings),
        kappaInterval: bootstrapInterval(p.ratings, kappaOf),
      }))
      .sort((x, y) => y.claims - x.claims || x.reviewers.join().localeCompare(y.reviewers.join())),
    confusion: confusionOf(rows),
    reconciled: rows.reduce((n, r) => n + r.reconciled, 0),
    finalDiffered: rows.reduce((n, r) => n + r.finalDiffered, 0),
  };
}

function confusionOf(ratings: readonly Ratings[]): AgreementReport["confusion"] {
  const used = new Map<string, number>();
  for (const r of ratings) {
    if (r.count <= 0) continue;
    used.set(r.first, (used.get(r.first) ?? 0) + r.count);
    used.set(r.second, (used.get(r.second) ?? 0) + r.count);
  }
  const verdicts = [...used]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([v]) => v);
  const index = new Map(verdicts.map((v, i) => [v, i]));
  const counts = verdicts.map(() => verdicts.map(() => 0));
  for (const r of ratings)
    if (r.count > 0) counts[index.get(r.first)!]![index.get(r.second)!]! += r.count;
  return { verdicts, counts };
}

/** Fewer double-reviewed claims than this, and a figure is shown with "too few claims to read". */
export const MIN_CLAIMS_TO_READ = 20;

/**
 * Krippendorff's alpha for nominal data (Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability", 2011), over units rated by any number of raters:
 *
 *   o_ck = Σ_u (number of ordered c–k pairs of values in unit u) / (m_u − 1)
 *   n_c  = Σ_k o_ck,  n = Σ_c n_c
 *   α    = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k
 *
 * Units with fewer than two values are not pairable and are left out. Null when no unit is
 * pairable or when every value is one and the same (no disagreement is possible by chance).
 * Here every double-reviewed claim is one unit with its two blind verdicts, whoever gave them.
 */
export function krippendorffAlpha(
  units: ReadonlyArray<{ values: readonly string[]; count: number }>,
): number | null {
  const coincidences = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, by: number) => {
    const row = coincidences.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + by);
    coincidences.set(c, row);
  };
  for (const { values, count } of units) {
    const m = values.length;
    if (m < 2 || count <= 0) continue;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, count / (m - 1));
  }
  const totals = new Map<string, number>();
  let n = 0;
  let disagreeing = 0;
  for (const [c, row] of coincidences) {
    for (const [k, o] of row) {
      totals.set(c, (totals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) disagreeing += o;
    }
  }
  if (n === 0) return null;
  let sumSquares = 0;
  for (const t of totals.values()) sumSquares += t * t;
  const expected = n * n - sumSquares; // Σ_{c≠k} n_c · n_k
  if (expected < 1e-12) return null;
  return 1 - ((n - 1) * disagreeing) / expected;
}

/** The α of claims given as (first verdict, second verdict, count): two values per unit. */
const alphaOf = (ratings: readonly Ratings[]) =>
  krippendorffAlpha(ratings.map((r) => ({ values: [r.first, r.second], count: r.count })));

export type Interval = [low: number, high: number];

/**
 * How many resamples the bootstrap draws: 1,000, fewer past 4,000 claims so that a figure
 * costs at most about four million draws (never fewer than 200 resamples). The seed of its
 * generator: the same figures on every render.
 */
export const resamplesFor = (claims: number) =>
  Math.max(200, Math.min(1000, Math.floor(4_000_000 / Math.max(1, claims))));
const BOOTSTRAP_SEED = 0x5eed;

/** mulberry32: a small seeded generator of floats in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 95% interval for `statistic` by the percentile bootstrap over claims (Efron &
 * Tibshirani, 1993, ch. 13): draw as many claims as there are, with replacement, 1,000
 * times (resamplesFor); compute the statistic on each resample; the interval runs from the
 * 2.5th to the 97.5th percentile of those that are defined. Seeded, so a page shows the
 * same interval on every render. Null without claims or when fewer than half the resamples
 * define the statistic.
 */
export function bootstrapInterval(
  ratings: readonly Ratings[],
  statistic: (ratings: readonly Ratings[]) => number | null,
): Interval | null {
  const cells = ratings.filter((r) => r.count > 0);
  const claims = cells.reduce((n, r) => n + r.count, 0);
  if (claims === 0) return null;
  const resamples = resamplesFor(claims);
  // Each claim as the index of its cell; a resample counts how often each cell is drawn.
  const cellOf = new Int32Array(claims);
  let at = 0;
  cells.forEach((r, i) => {
    cellOf.fill(i, at, at + r.count);
    at += r.count;
  });
  const random = seeded(BOOTSTRAP_SEED);
  const counts = new Array<number>(cells.length);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < claims; i++) counts[cellOf[Math.floor(random() * claims)]!]!++;
    const value = statistic(cells.map((r, i) => ({ ...r, count: counts[i]! })));
    if (value !== null) values.push(value);
  }
  if (values.length < resamples / 2) return null;
  values.sort((x, y) => x - y);
  const percentile = (p: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.round(p * (values.length - 1))))]!;
  return [percentile(0.025), percentile(0.975)];
}

/** The columns of the pairs behind the figures (GET /api/v1/agreement.csv), one row per double-reviewed claim. */
export const AGREEMENT_CSV_COLUMNS = [
  "claim_id",
  "claim_url",
  "first_reviewer",
  "first_verdict",
  "second_reviewer",
  "second_verdict",
  "agreed",
  "reconciliation",
  "final_verdict",
] as const;
