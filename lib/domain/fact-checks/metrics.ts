/**
 * Ranking measures of the CheckThat! claim-matching task: average precision over the first
 * k results (the relevant ones found, each weighted by the precision at its rank, over the
 * number relevant, at most k) and recall at k; means over the queries that have a
 * judgement.
 */
export function averagePrecisionAt(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
) {
  if (relevant.size === 0) return 0;
  let found = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      found += 1;
      sum += found / (i + 1);
    }
  });
  return sum / Math.min(relevant.size, k);
}

export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number) {
  if (relevant.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

export interface RankingScores {
  queries: number;
  map1: number;
  map5: number;
  recall5: number;
}

/** The means over every judged query (a query with no results counts as 0). */
export function rankingScores(
  runs: ReadonlyMap<string, readonly string[]>,
  judgements: ReadonlyMap<string, ReadonlySet<string>>,
): RankingScores {
  let map1 = 0;
  let map5 = 0;
  let recall5 = 0;
  for (const [query, relevant] of judgements) {
    const ranked = runs.get(query) ?? [];
    map1 += averagePrecisionAt(ranked, relevant, 1);
    map5 += averagePrecisionAt(ranked, relevant, 5);
    recall5 += recallAt(ranked, relevant, 5);
  }
  const n = judgements.size || 1;
  return { queries: judgements.size, map1: map1 / n, map5: map5 / n, recall5: recall5 / n };
}
