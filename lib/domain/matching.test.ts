import { describe, expect, it } from "vitest";
import { matchBands, matchText } from "./matching";

describe("match text", () => {
  it("ignores word order, inflection, case and punctuation", () => {
    expect(matchText("Russia blamed the US for the attacks.")).toBe(
      matchText("The US was blamed for the attack by Russia"),
    );
  });

  it("reads numbers written as words and digits alike", () => {
    expect(matchText("Forty-two people were killed")).toBe(matchText("42 people killed"));
    expect(matchText("three hundred homes flooded")).toBe(matchText("300 homes were flooded"));
    expect(matchText("Unemployment fell to 5 per cent")).toBe(matchText("unemployment fell to 5%"));
    expect(matchText("It cost 1,500 dollars")).toBe(matchText("it cost 1500 dollars"));
  });

  it("keeps different claims different", () => {
    expect(matchText("Unemployment rose to 7 percent")).not.toBe(
      matchText("Unemployment fell to 5 percent"),
    );
  });
});

describe("LSH bands", () => {
  it("are deterministic, 20 per text, and shared by near-identical word sets", () => {
    const a = matchBands(matchText("Forty-two people were killed in the floods last spring"));
    expect(a).toHaveLength(20);
    expect(matchBands(matchText("42 people were killed in the floods last spring"))).toEqual(a);
    // A near paraphrase shares some bands, which is all a candidate search needs.
    const near = matchBands(matchText("42 people killed in last spring's floods"));
    expect(a.filter((band) => near.includes(band)).length).toBeGreaterThan(0);
    expect(a.every((n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31)).toBe(true);
    const unrelated = matchBands(matchText("The council renamed the main square after a poet"));
    expect(a.filter((band) => unrelated.includes(band))).toEqual([]);
    expect(matchBands("")).toEqual([]);
  });
});
