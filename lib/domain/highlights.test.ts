import { describe, expect, it } from "vitest";
import { highlightSegments } from "./highlights";

describe("highlight segments", () => {
  it("covers the whole text once, in order, and links each piece to the narrowest claim", () => {
    const segments = highlightSegments(20, [
      { id: "outer", start: 2, end: 15 },
      { id: "inner", start: 5, end: 8 },
    ]);
    expect(segments.map((s) => [s.start, s.end, s.primary])).toEqual([
      [0, 2, null],
      [2, 5, "outer"],
      [5, 8, "inner"],
      [8, 15, "outer"],
      [15, 20, null],
    ]);
    expect(segments[2]!.claimIds).toEqual(["inner", "outer"]);
  });

  it("ignores spans outside the text", () => {
    expect(highlightSegments(5, [{ id: "x", start: 3, end: 9 }])).toEqual([
      { start: 0, end: 5, claimIds: [], primary: null },
    ]);
  });
});
