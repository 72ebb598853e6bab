import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle, sentenceClaims } from "./languages";

const SAMPLE = readFileSync(
  path.resolve(import.meta.dirname, "../../../seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);
const SPANISH =
  "El ministro de Economía, Luis Carranza, afirmó este martes que la inflación bajará al 2% mensual antes de marzo. «No vamos a devaluar el peso», dijo el funcionario en una entrevista radial.";
const ARABIC =
  "قال وزير المالية إن معدل التضخم سينخفض إلى اثنين في المئة خلال الربع المقبل. وأضاف الوزير في مؤتمر صحفي أن الاحتياطيات الأجنبية بلغت أعلى مستوى لها منذ عشر سنوات؟\nبقلم: مراسل";

describe("extraction by the article's language", () => {
  it("reads English with the English extractor, scored by the words model", () => {
    const result = extractArticle(SAMPLE);
    expect(result.language).toBe("en");
    expect(result.languageSource).toBe("DETECTED");
    expect(result.claims.some((c) => c.kind === "DIRECT_QUOTE")).toBe(true);
    expect(result.claims.every((c) => c.checkworthinessBy === undefined)).toBe(true);
  });

  it("reads Spanish with the Spanish extractor: speakers found, nothing scored", () => {
    const result = extractArticle(SPANISH);
    expect(result.language).toBe("es");
    expect(result.claims.map((c) => result.speakers[c.speakerRef!]!.name)).toEqual([
      "Luis Carranza",
      "Luis Carranza",
    ]);
    expect(result.claims.every((c) => c.checkworthinessBy === "NONE")).toBe(true);
  });

  it("never reads another language as English: its sentences become claims, unscored", () => {
    const result = extractArticle(ARABIC);
    expect(result.language).toBe("ar");
    expect(result.speakers).toEqual([]);
    expect(result.claims.map((c) => c.text)).toEqual([
      "قال وزير المالية إن معدل التضخم سينخفض إلى اثنين في المئة خلال الربع المقبل.",
      "وأضاف الوزير في مؤتمر صحفي أن الاحتياطيات الأجنبية بلغت أعلى مستوى لها منذ عشر سنوات؟",
    ]);
    for (const c of result.claims) {
      expect(ARABIC.slice(c.start, c.end)).toBe(c.text);
      expect(c).toMatchObject({ kind: "ASSERTION", checkworthinessBy: "NONE", speaker: null });
    }
  });

  it("takes the language given at import over the one detected, and the default for a short text", () => {
    const given = extractArticle(SAMPLE, { declared: "ar" });
    expect(given).toMatchObject({ language: "ar", languageSource: "DECLARED", speakers: [] });
    const short = extractArticle("«No», dijo Ana.", { fallback: "es" });
    expect(short).toMatchObject({ language: "es", languageSource: "DEFAULT" });
    expect(short.claims).toHaveLength(1);
  });

  it("cuts an endless sentence into pieces of bounded length", () => {
    const text = "كلمة ".repeat(50_000);
    const { claims } = sentenceClaims(text, "ar");
    expect(claims.length).toBeGreaterThan(200);
    expect(claims.every((c) => c.end - c.start <= 1_000)).toBe(true);
  });
});
