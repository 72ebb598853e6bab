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
  const intervals = bootstrapIntervals(rows, ["raw", "alpha"]);
  return {
    overall: {
      ...cohensKappa(rows),
      rawInterval: intervals.raw ?? null,
      alpha: alphaOf(rows),
      alphaInterval: intervals.alpha ?? null,
    },
    pairs: [...pairs.values()]
      .map((p) => ({
        reviewers: p.reviewers,
        ...cohensKappa(p.ratings),
        kappaInterval: bootstrapInterval(p.ratings, "kappa"),
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
 * How many resamples the bootstrap draws: 1,000, fewer past 2,000 claims so that a figure
 * costs at most about two million draws (never fewer than 200 resamples). The seed of its
 * generator: the same figures on every render.
 */
export const resamplesFor = (claims: number) =>
  Math.max(200, Math.min(1000, Math.floor(2_000_000 / Math.max(1, claims))));
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
  statistic: Statistic,
): Interval | null {
  return bootstrapIntervals(ratings, [statistic])[statistic] ?? null;
}

/** bootstrapInterval for several figures of one table, from the same resamples (one set of draws). */
export function bootstrapIntervals<S extends Statistic>(
  ratings: readonly Ratings[],
  statistics: readonly S[],
): Partial<Record<S, Interval | null>> {
  const table = coded(ratings);
  const claims = table.counts.reduce((n, c) => n + c, 0);
  const intervals: Partial<Record<S, Interval | null>> = {};
  if (claims === 0) {
    for (const statistic of statistics) intervals[statistic] = null;
    return intervals;
  }
  const resamples = resamplesFor(claims);
  // Each claim as the index of its cell; a resample counts how often each cell is drawn.
  const cellOf = new Int32Array(claims);
  let at = 0;
  table.counts.forEach((count, i) => {
    cellOf.fill(i, at, at + count);
    at += count;
  });
  const random = seeded(BOOTSTRAP_SEED);
  const counts = new Float64Array(table.counts.length);
  const values = statistics.map(() => [] as number[]);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < claims; i++) counts[cellOf[Math.floor(random() * claims)]!]!++;
    statistics.forEach((statistic, j) => {
      const value = figure(statistic, table, counts);
      if (value !== null) values[j]!.push(value);
    });
  }
  statistics.forEach((statistic, j) => {
    const sorted = values[j]!.sort((x, y) => x - y);
    const percentile = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
    intervals[statistic] =
      sorted.length < resamples / 2 ? null : [percentile(0.025), percentile(0.975)];
  });
  return intervals;
}

/** The figures a bootstrap interval is drawn for. */
export type Statistic = "raw" | "kappa" | "alpha";

/** A table of ratings with its verdicts as small integers: what each resample is computed on. */
interface CodedTable {
  first: Int32Array;
  second: Int32Array;
  counts: number[];
  verdicts: number;
}

function coded(ratings: readonly Ratings[]): CodedTable {
  const cells = ratings.filter((r) => r.count > 0);
  const index = new Map<string, number>();
  const code = (v: string) => index.get(v) ?? (index.set(v, index.size), index.size - 1);
  return {
    first: Int32Array.from(cells, (r) => code(r.first)),
    second: Int32Array.from(cells, (r) => code(r.second)),
    counts: cells.map((r) => r.count),
    verdicts: index.size,
  };
}

/**
 * Raw agreement, kappa or alpha of a coded table with the counts of one resample: the same
 * formulas as cohensKappa and krippendorffAlpha (two values per claim), without building
 * maps, for the thousand resamples of an interval (tested to agree with them).
 */
export function figure(
  statistic: Statistic,
  table: CodedTable,
  counts: ArrayLike<number>,
): number | null {
  const { first, second, verdicts } = table;
  const firstShare = new Float64Array(verdicts);
  const secondShare = new Float64Array(verdicts);
  let claims = 0;
  let agreed = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    claims += n;
    if (first[i] === second[i]) agreed += n;
    firstShare[first[i]!]! += n;
    secondShare[second[i]!]! += n;
  }
  if (claims === 0) return null;
  if (statistic === "raw") return agreed / claims;
  if (statistic === "kappa") {
    let chance = 0;
    for (let v = 0; v < verdicts; v++)
      chance += (firstShare[v]! / claims) * (secondShare[v]! / claims);
    return 1 - chance < 1e-12 ? null : (agreed / claims - chance) / (1 - chance);
  }
  // Alpha: each claim one unit of two pairable values; n = 2 · claims values in all.
  const n = 2 * claims;
  let sumSquares = 0;
  for (let v = 0; v < verdicts; v++) sumSquares += (firstShare[v]! + secondShare[v]!) ** 2;
  const expected = n * n - sumSquares;
  if (expected < 1e-12) return null;
  return 1 - ((n - 1) * 2 * (claims - agreed)) / expected;
}

/** figure() over a table as given (no resampling). */
export const figureOf = (statistic: Statistic, ratings: readonly Ratings[]) => {
  const table = coded(ratings);
  return figure(statistic, table, table.counts);
};

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
