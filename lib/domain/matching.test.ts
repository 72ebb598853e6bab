import { describe, expect, it } from "vitest";
import { matchText } from "./matching";

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
