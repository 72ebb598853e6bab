import { describe, expect, it } from "vitest";
import { errorSummary } from "./field-errors";

describe("errorSummary", () => {
  it("names the item of a list a problem belongs to", () => {
    expect(errorSummary({ "evidence.1.sourceType": "Choose primary or secondary" })).toBe(
      "Evidence 2: Choose primary or secondary",
    );
    expect(
      errorSummary({
        rationale: "Too long",
        "evidence.0.url": "Evidence URL must be a web address",
      }),
    ).toBe("Some fields need attention: Too long; Evidence 1: Evidence URL must be a web address");
  });
});
