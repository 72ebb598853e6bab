import { describe, expect, it } from "vitest";
import { deskLocale, direction, negotiateLocale, withFallback } from "./locales";

describe("the interface language of a browser", () => {
  it("takes the first language the interface has, by weight then order, by primary subtag", () => {
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(negotiateLocale("fr-FR,fr;q=0.9,ar;q=0.8,en;q=0.7")).toBe("ar");
    expect(negotiateLocale("en;q=0.5, es;q=0.9")).toBe("es");
    expect(negotiateLocale("de, es;q=0")).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
  });

  it("reads a hostile header's first entries only", () => {
    expect(negotiateLocale("xx,".repeat(100_000) + "es")).toBe("en");
    // An unreadable weight counts as the default weight, 1.
    expect(negotiateLocale("en;q=0.5, es;q=abc")).toBe("es");
  });

  it("lays Arabic out right to left, the others left to right", () => {
    expect(direction("ar")).toBe("rtl");
    expect(direction("es")).toBe("ltr");
    expect(direction("en")).toBe("ltr");
  });

  it("falls back to English message by message, at any depth", () => {
    expect(withFallback({ A: { x: "X", y: "Y" }, B: "b" }, { A: { x: "equis" } })).toEqual({
      A: { x: "equis", y: "Y" },
      B: "b",
    });
  });
});

describe("the public pages' language", () => {
  it("is the desk's default language when the interface has it, else English", () => {
    expect(deskLocale("es")).toBe("es");
    expect(deskLocale("es-MX")).toBe("es");
    expect(deskLocale("AR")).toBe("ar");
    expect(deskLocale("en-GB")).toBe("en");
    expect(deskLocale("fr")).toBe("en");
    expect(deskLocale("")).toBe("en");
  });
});
