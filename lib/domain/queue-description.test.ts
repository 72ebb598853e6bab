import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import { describeFilters as describe_, type QueueFilters } from "./queue-description";

const english = createTranslator({ locale: "en", messages: en, namespace: "FilterWords" });
const describeFilters = (query: QueueFilters, n: typeof names) => describe_(query, n, english);

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

  it("speaks the interface language", () => {
    const spanish = createTranslator({ locale: "es", messages: es, namespace: "FilterWords" });
    expect(
      describe_({ state: "NEW", language: "ar", min: 0.5, checked: "yes" }, names, spanish, "es"),
    ).toBe("estado: Nueva; idioma: árabe; interés de verificación al menos 0.50; verificada antes");
    expect(describe_({}, names, spanish, "es")).toBe("sin filtros: todas las afirmaciones");
  });
});
