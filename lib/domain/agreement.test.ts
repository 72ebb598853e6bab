import { describe, expect, it } from "vitest";
import { agreementReport, cohensKappa, type DoubleReviewRow } from "./agreement";

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
      overall: { claims: 0, agreed: 0, raw: null, kappa: null },
      pairs: [],
      reconciled: 0,
      finalDiffered: 0,
    });
  });
});
