import { describe, expect, it } from "vitest";
import {
  agreementReport,
  bootstrapInterval,
  bootstrapIntervals,
  cohensKappa,
  figureOf,
  krippendorffAlpha,
  resamplesFor,
  type DoubleReviewRow,
} from "./agreement";

const r = (first: string, second: string, count: number) => ({ first, second, count });

describe("Cohen's kappa, against examples worked by hand", () => {
  it("the textbook table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no", () => {
    // p_o = 35/50 = 0.7; first says yes 25/50, second 30/50; p_e = .5×.6 + .5×.4 = .5;
    // κ = (.7 − .5) / (1 − .5) = 0.4.
    const a = cohensKappa([
      r("yes", "yes", 20),
      r("yes", "no", 5),
      r("no", "yes", 10),
      r("no", "no", 15),
    ]);
    expect(a.claims).toBe(50);
    expect(a.agreed).toBe(35);
    expect(a.raw).toBeCloseTo(0.7, 12);
    expect(a.kappa).toBeCloseTo(0.4, 12);
  });

  it("three verdicts", () => {
    // 10 claims: true/true 3, false/false 3, mixed/mixed 1, true/mixed 1, mixed/false 2.
    // p_o = 7/10. First: true 4, false 3, mixed 3; second: true 3, false 5, mixed 2.
    // p_e = .4×.3 + .3×.5 + .3×.2 = .33; κ = .37 / .67.
    const a = cohensKappa([
      r("true", "true", 3),
      r("false", "false", 3),
      r("mixed", "mixed", 1),
      r("true", "mixed", 1),
      r("mixed", "false", 2),
    ]);
    expect(a.raw).toBeCloseTo(0.7, 12);
    expect(a.kappa).toBeCloseTo(0.37 / 0.67, 12);
  });

  it("perfect agreement over several verdicts is 1", () => {
    const a = cohensKappa([r("true", "true", 4), r("false", "false", 2)]);
    expect(a).toEqual({ claims: 6, agreed: 6, raw: 1, kappa: 1 });
  });

  it("agreement on one verdict only leaves kappa undefined (null), raw agreement 1", () => {
    expect(cohensKappa([r("false", "false", 9)])).toEqual({
      claims: 9,
      agreed: 9,
      raw: 1,
      kappa: null,
    });
  });

  it("no claims: nothing to report", () => {
    expect(cohensKappa([])).toEqual({ claims: 0, agreed: 0, raw: null, kappa: null });
    expect(cohensKappa([r("true", "true", 0)])).toEqual({
      claims: 0,
      agreed: 0,
      raw: null,
      kappa: null,
    });
  });

  it("systematic disagreement is negative: -1 for two balanced verdicts always crossed", () => {
    const a = cohensKappa([r("true", "false", 5), r("false", "true", 5)]);
    expect(a.raw).toBe(0);
    expect(a.kappa).toBeCloseTo(-1, 12);
  });

  it("one rater always the same, the other not: agreement by chance only, kappa 0", () => {
    // p_o = .6, p_e = 1 × .6 = .6.
    const a = cohensKappa([r("true", "true", 6), r("true", "false", 4)]);
    expect(a.raw).toBeCloseTo(0.6, 12);
    expect(a.kappa).toBeCloseTo(0, 12);
  });
});

describe("the agreement report", () => {
  const ann = { id: "a", name: "Ann" };
  const bob = { id: "b", name: "Bob" };
  const cy = { id: "c", name: "Cy" };
  const row = (
    firstReviewer: { id: string; name: string },
    secondReviewer: { id: string; name: string },
    first: string,
    second: string,
    count: number,
    reconciled = 0,
    finalDiffered = 0,
  ): DoubleReviewRow => ({
    firstReviewer,
    secondReviewer,
    first,
    second,
    count,
    reconciled,
    finalDiffered,
  });

  it("keeps each person one rater within a pair, whoever took the claim first", () => {
    // Ann said true and Bob false on 2 claims, whichever of them took it first; they agree on 2.
    const report = agreementReport([
      row(ann, bob, "true", "false", 1),
      row(bob, ann, "false", "true", 1),
      row(ann, bob, "false", "false", 1),
      row(bob, ann, "true", "true", 1),
    ]);
    const [pair] = report.pairs;
    expect(pair!.reviewers).toEqual(["Ann", "Bob"]);
    // Ann: true 3, false 1; Bob: true 1, false 3; p_o = .5, p_e = .75×.25 + .25×.75 = .375.
    expect(pair!.raw).toBe(0.5);
    expect(pair!.kappa).toBeCloseTo((0.5 - 0.375) / 0.625, 12);
    // Overall, the first taker is the first rater: true/false, false/true, false/false, true/true.
    expect(report.overall.kappa).toBeCloseTo(0, 12);
  });

  it("reports each pair with its claims, the most claims first, and the editor's departures", () => {
    const report = agreementReport([
      row(ann, cy, "true", "true", 1, 1, 0),
      row(ann, bob, "true", "true", 2, 2, 0),
      row(ann, bob, "false", "true", 1, 1, 1),
    ]);
    expect(report.pairs.map((p) => [p.reviewers, p.claims])).toEqual([
      [["Ann", "Bob"], 3],
      [["Ann", "Cy"], 1],
    ]);
    expect(report.overall.claims).toBe(4);
    expect(report.reconciled).toBe(4);
    expect(report.finalDiffered).toBe(1);
    expect(agreementReport([])).toEqual({
      overall: {
        claims: 0,
        agreed: 0,
        raw: null,
        kappa: null,
        rawInterval: null,
        alpha: null,
        alphaInterval: null,
      },
      pairs: [],
      confusion: { verdicts: [], counts: [] },
      reconciled: 0,
      finalDiffered: 0,
    });
  });
});

describe("Krippendorff's alpha (nominal), against the published examples", () => {
  // Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section A: two
  // observers, binary data, no missing values; worked there to α = 0.095.
  it("two observers, ten units of binary data: 0.095", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const units = a.map((x, i) => ({ values: [String(x), String(b[i])], count: 1 }));
    // By hand: o_01 = o_10 = 4, n_0 = 14, n_1 = 6, n = 20; α = 1 − 19·8 / (2·14·6) = 1 − 152/168.
    expect(krippendorffAlpha(units)).toBeCloseTo(1 - 152 / 168, 12);
    expect(krippendorffAlpha(units)!.toFixed(3)).toBe("0.095");
  });

  // The same paper, section C: four observers, nominal values 1–5, missing data; α = 0.743.
  it("four observers, twelve units with missing values: 0.743", () => {
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = observers[0]!.map((_, unit) => ({
      values: observers.flatMap((o) => (o[unit] === null ? [] : [String(o[unit])])),
      count: 1,
    }));
    expect(krippendorffAlpha(units)!.toFixed(3)).toBe("0.743");
  });

  it("counts stand for repeated units; one value only, or no pairable unit, is undefined", () => {
    const once = [
      { values: ["t", "t"], count: 1 },
      { values: ["t", "f"], count: 1 },
      { values: ["f", "f"], count: 1 },
    ];
    const doubled = once.map((u) => ({ ...u, count: 2 }));
    const repeated = [...once, ...once];
    expect(krippendorffAlpha(doubled)).toBeCloseTo(krippendorffAlpha(repeated)!, 12);
    expect(krippendorffAlpha([{ values: ["t", "t"], count: 5 }])).toBeNull();
    expect(krippendorffAlpha([{ values: ["t"], count: 5 }])).toBeNull();
    expect(krippendorffAlpha([])).toBeNull();
  });
});

describe("the bootstrap interval", () => {
  const table = (agree: number, cross: number) => [
    r("true", "true", agree),
    r("false", "false", agree),
    r("true", "false", cross),
    r("false", "true", cross),
  ];

  it("holds the estimate, is the same on every call, and narrows as claims grow", () => {
    const small = table(8, 2); // 20 claims, κ = 0.6
    const large = table(400, 100); // 1,000 claims, κ = 0.6
    const [lo, hi] = bootstrapInterval(small, "kappa")!;
    expect(lo).toBeLessThan(0.6);
    expect(hi).toBeGreaterThan(0.6);
    expect(bootstrapInterval(small, "kappa")).toEqual([lo, hi]);
    const [LO, HI] = bootstrapInterval(large, "kappa")!;
    expect(LO).toBeLessThan(0.6);
    expect(HI).toBeGreaterThan(0.6);
    expect(HI - LO).toBeLessThan((hi - lo) / 3);
  });

  it("matches the large-sample standard error of kappa on a thousand claims", () => {
    // Balanced margins: p_e = .5, p_o = .8, κ = .6; the asymptotic SE (Cohen 1960) is
    // √(p_o(1 − p_o) / n) / (1 − p_e) = √(.16 / 1000) / .5 ≈ 0.0253, so the 95% interval is
    // about ±0.0496 wide on each side. The bootstrap's must come within 15% of that.
    const [lo, hi] = bootstrapInterval(table(400, 100), "kappa")!;
    const halfWidth = (hi - lo) / 2;
    expect(halfWidth).toBeGreaterThan(0.0496 * 0.85);
    expect(halfWidth).toBeLessThan(0.0496 * 1.15);
  });

  it("several figures from one set of resamples are each the interval drawn alone", () => {
    const ratings = table(12, 5);
    expect(bootstrapIntervals(ratings, ["raw", "kappa", "alpha"])).toEqual({
      raw: bootstrapInterval(ratings, "raw"),
      kappa: bootstrapInterval(ratings, "kappa"),
      alpha: bootstrapInterval(ratings, "alpha"),
    });
  });

  it("perfect agreement on two verdicts is [1, 1]; no claims, or an undefined statistic, no interval", () => {
    expect(bootstrapInterval([r("t", "t", 10), r("f", "f", 10)], "kappa")).toEqual([1, 1]);
    expect(bootstrapInterval([], "kappa")).toBeNull();
    expect(bootstrapInterval([r("t", "t", 30)], "kappa")).toBeNull();
  });
});

describe("the report's confusion table and intervals", () => {
  const ann = { id: "a", name: "Ann" };
  const bob = { id: "b", name: "Bob" };
  it("counts verdict by verdict, most used verdict first, and gives every figure its interval", () => {
    const rows: DoubleReviewRow[] = [
      {
        firstReviewer: ann,
        secondReviewer: bob,
        first: "false",
        second: "false",
        count: 5,
        reconciled: 0,
        finalDiffered: 0,
      },
      {
        firstReviewer: bob,
        secondReviewer: ann,
        first: "false",
        second: "mixed",
        count: 2,
        reconciled: 0,
        finalDiffered: 0,
      },
      {
        firstReviewer: ann,
        secondReviewer: bob,
        first: "true",
        second: "true",
        count: 3,
        reconciled: 0,
        finalDiffered: 0,
      },
    ];
    const report = agreementReport(rows);
    // Used: false 12, true 6, mixed 2.
    expect(report.confusion).toEqual({
      verdicts: ["false", "true", "mixed"],
      counts: [
        [5, 0, 2],
        [0, 3, 0],
        [0, 0, 0],
      ],
    });
    expect(report.overall.alpha).toBeCloseTo(
      krippendorffAlpha(rows.map((x) => ({ values: [x.first, x.second], count: x.count })))!,
      12,
    );
    expect(report.overall.alphaInterval![0]).toBeLessThanOrEqual(report.overall.alpha!);
    expect(report.overall.alphaInterval![1]).toBeGreaterThanOrEqual(report.overall.alpha!);
    expect(report.overall.rawInterval![1]).toBeLessThanOrEqual(1);
    expect(report.pairs[0]!.claims).toBe(10);
    expect(report.pairs[0]!.kappaInterval).not.toBeNull();
  });
});

it("the bootstrap's cost stays bounded: fewer resamples past 2,000 claims, never under 200", () => {
  expect(resamplesFor(20)).toBe(1000);
  expect(resamplesFor(2000)).toBe(1000);
  expect(resamplesFor(8000)).toBe(250);
  expect(resamplesFor(1_000_000)).toBe(200);
  expect(resamplesFor(8000) * 8000).toBeLessThanOrEqual(2_000_000);
});

it("the resamples' fast figures agree with cohensKappa and krippendorffAlpha on random tables", () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const verdicts = ["a", "b", "c", "d"];
  for (let t = 0; t < 200; t++) {
    const ratings = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
      r(
        verdicts[Math.floor(random() * 4)]!,
        verdicts[Math.floor(random() * 4)]!,
        Math.floor(random() * 5),
      ),
    );
    const kappa = cohensKappa(ratings);
    const alpha = krippendorffAlpha(
      ratings.map((x) => ({ values: [x.first, x.second], count: x.count })),
    );
    const close = (x: number | null, y: number | null) =>
      x === null || y === null ? expect(x).toBe(y) : expect(x).toBeCloseTo(y, 10);
    close(figureOf("raw", ratings), kappa.raw);
    close(figureOf("kappa", ratings), kappa.kappa);
    close(figureOf("alpha", ratings), alpha);
  }
});
