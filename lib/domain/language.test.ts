import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOSTILE_TEXTS } from "@/seeds/hostile-inputs";
import {
  articleLanguage,
  bcp47,
  detectLanguage,
  hasCheckworthinessModel,
  hasExtractor,
  languageChoices,
  languageName,
} from "./language";

const SAMPLE = readFileSync(
  path.resolve(import.meta.dirname, "../../seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);
const SPANISH = (
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, "../../tests/fixtures/spanish-news.json"),
      "utf8",
    ),
  ) as { articles: Array<{ text: string }> }
).articles.map((a) => a.text);

const ARABIC =
  "قال وزير المالية إن معدل التضخم سينخفض إلى اثنين في المئة خلال الربع المقبل، مؤكدا أن الحكومة لن تخفض قيمة العملة. وأضاف الوزير في مؤتمر صحفي أن الاحتياطيات الأجنبية بلغت أعلى مستوى لها منذ عشر سنوات.";
const FRENCH =
  "Le ministre de l'Économie a déclaré mardi que l'inflation reviendrait sous les deux pour cent avant la fin de l'année. Selon l'Insee, le chômage a légèrement augmenté au troisième trimestre dans la plupart des régions.";

describe("detecting an article's language", () => {
  it("tells English, Spanish, Arabic and French news apart", () => {
    expect(detectLanguage(SAMPLE)).toBe("en");
    expect(detectLanguage(ARABIC)).toBe("ar");
    expect(detectLanguage(FRENCH)).toBe("fr");
    // Every paragraph of the Spanish test set on its own (each about 250 characters).
    for (const text of SPANISH) expect(detectLanguage(text), text).toBe("es");
  });

  it("reads an English paragraph as English, not as Scots (franc's closest language to it)", () => {
    const paragraphs = SAMPLE.split(/\n+/).filter((p) => p.length > 200);
    expect(paragraphs.length).toBeGreaterThan(5);
    for (const p of paragraphs) expect(detectLanguage(p), p).toBe("en");
  });

  it("does not guess from too little text", () => {
    expect(detectLanguage("«No vamos a devaluar», dijo Carranza.")).toBeNull();
    expect(detectLanguage("1234 5678 — 2024-01-01 ... !!!".repeat(50))).toBeNull();
  });

  it("does not guess when languages tie, as on repetitive text: the desk's default applies", () => {
    for (const [name, make] of Object.entries(HOSTILE_TEXTS)) {
      expect(detectLanguage(make(20_000)), name).toBeNull();
      expect(articleLanguage(make(20_000), { fallback: "en" }), name).toEqual({
        language: "en",
        source: "DEFAULT",
      });
    }
  });

  it("reads a bounded sample of a huge text", () => {
    const huge = SPANISH.join("\n").repeat(2_000); // about 5 MB
    const started = performance.now();
    expect(detectLanguage(huge)).toBe("es");
    // Not a timing assertion of the product: a guard that the whole text is not read
    // (reading 5 MB takes seconds; the 20,000-character sample takes milliseconds).
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("files an article under the language given, else the one detected, else the default", () => {
    expect(articleLanguage(SPANISH[0]!, { declared: "pt", fallback: "en" })).toEqual({
      language: "pt",
      source: "DECLARED",
    });
    expect(articleLanguage(SPANISH[0]!, { fallback: "en" })).toEqual({
      language: "es",
      source: "DETECTED",
    });
    expect(articleLanguage("Short.", { fallback: "es" })).toEqual({
      language: "es",
      source: "DEFAULT",
    });
  });
});

describe("language tags and names", () => {
  it("turns franc's ISO 639-3 codes into the BCP 47 tags exports use", () => {
    expect(bcp47("spa")).toBe("es");
    expect(bcp47("arb")).toBe("ar");
    expect(bcp47("cmn")).toBe("zh");
    expect(bcp47("not a code")).toBeNull();
  });

  it("names languages, and regional tags", () => {
    expect(languageName("es")).toBe("Spanish");
    expect(languageName("ar")).toBe("Arabic");
    expect(languageName("!!")).toBe("!!");
  });

  it("knows which languages have an extractor and a check-worthiness model", () => {
    expect(hasExtractor("en-GB")).toBe(true);
    expect(hasExtractor("es-AR")).toBe(true);
    expect(hasExtractor("ar")).toBe(false);
    expect(hasCheckworthinessModel("en")).toBe(true);
    expect(hasCheckworthinessModel("es")).toBe(false);
  });

  it("offers every language the detector knows, once each, by name", () => {
    const choices = languageChoices("en");
    const tags = choices.map((c) => c.tag);
    expect(tags).toEqual(expect.arrayContaining(["en", "es", "ar", "fr", "zh"]));
    expect(new Set(tags).size).toBe(tags.length);
    const names = choices.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });
});
