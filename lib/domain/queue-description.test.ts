import { describe, expect, it } from "vitest";
import { describeFilters } from "./queue-description";

const names = {
  users: { "u-1": "Rita Ruiz" },
  verdicts: { "v-1": "Mostly false" },
  articleTitle: "Council passes budget",
};

describe("the queue's filters in words", () => {
  it("says when there are none", () => {
    expect(describeFilters({}, names)).toBe("no filters: every claim");
  });

  it("names every filter, ids by their names", () => {
    expect(
      describeFilters(
        {
          state: "NEW",
          assignee: "u-1",
          verdict: "v-1",
          article: "a-1",
          speaker: "Lopez",
          from: "2026-01-01",
          to: "2026-02-01",
          min: 0.7,
          checked: "repeat",
        },
        names,
      ),
    ).toBe(
      "state: New; assigned to Rita Ruiz; verdict: Mostly false; article: “Council passes budget”; " +
        "speaker contains “Lopez”; added 2026-01-01 to 2026-02-01; check-worthiness at least 0.70; " +
        "repeats of our verdicts",
    );
  });

  it("reads mine, unassigned, one end of a date range, and ids it has no name for", () => {
    expect(describeFilters({ assignee: "mine", from: "2026-01-01" }, names)).toBe(
      "assigned to me; added from 2026-01-01",
    );
    expect(
      describeFilters({ assignee: "unassigned", to: "2026-01-01", checked: "yes" }, names),
    ).toBe("unassigned; added until 2026-01-01; checked before");
    expect(describeFilters({ assignee: "u-9", verdict: "v-9" }, names)).toBe(
      "assigned to an unknown person; verdict: unknown",
    );
  });
});
