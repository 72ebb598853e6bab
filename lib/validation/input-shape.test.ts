import { describe, expect, it } from "vitest";
import { nestedValue } from "@/seeds/hostile-inputs";
import { inputShapeProblem, MAX_INPUT_DEPTH, MAX_INPUT_VALUES } from "./input-shape";

describe("inputShapeProblem", () => {
  it("passes ordinary form input", () => {
    expect(
      inputShapeProblem({ claimId: "x", evidence: [{ url: "https://a.example", n: 1 }] }),
    ).toBeNull();
  });

  it("finds a NUL character in a value or a key, however deep", () => {
    expect(inputShapeProblem({ evidence: [{ title: "a\u0000b" }] })).toMatch(/NUL/);
    expect(inputShapeProblem({ ["k\u0000"]: 1 })).toMatch(/NUL/);
  });

  it("finds half of a surrogate pair, and lets a whole pair through", () => {
    expect(inputShapeProblem({ body: "broken \ud83d here" })).toMatch(/surrogate/);
    expect(inputShapeProblem({ body: "end \udc00" })).toMatch(/surrogate/);
    expect(inputShapeProblem({ body: "whole \ud83d\ude00 pair" })).toBeNull();
  });

  it("refuses nesting past the limit and accepts it at the limit", () => {
    const nest = (levels: number) => nestedValue(levels, (inner) => [inner], "leaf");
    expect(inputShapeProblem(nest(MAX_INPUT_DEPTH))).toBeNull();
    expect(inputShapeProblem(nest(MAX_INPUT_DEPTH + 1))).toMatch(/nested too deeply/);
    // Deep enough to overflow a naive recursive walk; refused at the limit instead.
    expect(inputShapeProblem(nest(1_000_000))).toMatch(/nested too deeply/);
  });

  it("refuses more values than any form sends", () => {
    expect(inputShapeProblem(new Array(MAX_INPUT_VALUES).fill(1))).toMatch(/too many values/);
    expect(inputShapeProblem(new Array(MAX_INPUT_VALUES - 1).fill(1))).toBeNull();
  });
});
