import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractClaims, type ExtractedClaim, type ExtractionResult } from "./extract";

const SAMPLE = readFileSync(
  path.resolve(import.meta.dirname, "../../../seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);

function speakerName(result: ExtractionResult, claim: ExtractedClaim): string | null {
  return claim.speakerRef === null ? null : result.speakers[claim.speakerRef]!.name;
}

/**
 * The claim saying `contentIncludes`, attributed with a cue that holds the verb `cue`
 * ("denied" in "has strongly denied": PolNeAR, which the tagger learned from, takes
 * auxiliaries and adverbs into the cue).
 */
function find(result: ExtractionResult, cue: string, contentIncludes: string) {
  return result.claims.find(
    (c) =>
      c.cue !== null &&
      new RegExp(`\\b${cue}\\b`, "i").test(c.cue.text) &&
      SAMPLE.slice(c.content.start, c.content.end).includes(contentIncludes),
  );
}

describe("extracting the sample article", () => {
  const result = extractClaims(SAMPLE);

  it("gives exact spans: every claim, speaker, cue and content span is the text at its offsets", () => {
    for (const claim of result.claims) {
      expect(SAMPLE.slice(claim.start, claim.end)).toBe(claim.text);
      if (claim.speaker)
        expect(SAMPLE.slice(claim.speaker.start, claim.speaker.end)).toBe(claim.speaker.text);
      if (claim.cue) expect(SAMPLE.slice(claim.cue.start, claim.cue.end)).toBe(claim.cue.text);
      expect(claim.content.start).toBeGreaterThanOrEqual(claim.start);
      expect(claim.content.end).toBeLessThanOrEqual(claim.end);
      expect(claim.checkworthiness).toBeGreaterThanOrEqual(0);
      expect(claim.checkworthiness).toBeLessThanOrEqual(1);
    }
  });

  it("finds Peskov's three statements, all resolved to the Kremlin spokesman", () => {
    const said = find(result, "said", "Russia categorically rejects");
    const added = find(result, "added", "our positions diametrically diverge");
    const warned = find(result, "warned", "labelling without any basis");
    for (const claim of [said, added, warned]) {
      expect(claim).toBeDefined();
      expect(speakerName(result, claim!)).toBe("Dmitry Peskov");
    }
    expect(said!.speaker!.text).toBe("Kremlin spokesman Dmitry Peskov");
    // The quotation runs across a sentence break and is one direct quote.
    expect(added!.kind).toBe("DIRECT_QUOTE");
    expect(SAMPLE.slice(added!.content.start, added!.content.end)).toContain(
      "We do not agree with the US position",
    );
    const peskov = result.speakers.find((s) => s.name === "Dmitry Peskov")!;
    expect(peskov.title).toBe("Kremlin spokesman");
  });

  it("finds Ryabkov's statements and resolves the descriptions of him", () => {
    const cases: Array<[string, string, string]> = [
      ["saying", "too far-reaching", "Russian Deputy Foreign Minister Sergei Ryabkov"],
      ["told", "unconfirmed, falsified and unfounded", "Ryabkov"],
      ["added", "We urge the US", "the Russian deputy foreign minister"],
      ["According to", "does not want to face the truth", "Ryabkov"],
      ["stressed", "They listen only to themselves", "the deputy minister"],
    ];
    for (const [cue, content, mention] of cases) {
      const claim = find(result, cue, content);
      expect(claim, `${cue}: ${content}`).toBeDefined();
      expect(speakerName(result, claim!)).toBe("Sergei Ryabkov");
      if (cue !== "saying") expect(claim!.speaker?.text).toBe(mention);
    }
  });

  it("finds Tillerson's allegation, and his blaming Russia as 'the diplomat'", () => {
    const alleged = find(result, "alleged", "used chemical weapons");
    const blame = find(result, "blame", "Russia for the attack");
    expect(speakerName(result, alleged!)).toBe("Rex Tillerson");
    expect(blame!.speaker!.text).toBe("the diplomat");
    expect(speakerName(result, blame!)).toBe("Rex Tillerson");
  });

  it("finds Haley's echo and blame", () => {
    const echoed = result.claims.find((c) => c.cue?.text === "echoed");
    expect(speakerName(result, echoed!)).toBe("Nikki Haley");
    const blamed = find(result, "blamed", "Moscow");
    expect(speakerName(result, blamed!)).toBe("Nikki Haley");
  });

  it("merges the two spellings of Nebenzia into one speaker with both statements", () => {
    const lashed = find(result, "lashed out", "hastily accused");
    const added = find(result, "added", "drag Russia into this");
    expect(speakerName(result, lashed!)).toBe(speakerName(result, added!));
    const speaker = result.speakers[lashed!.speakerRef!]!;
    expect(speaker.aliases).toEqual(expect.arrayContaining(["Vasily Nebezia", "Nebenzia"]));
    expect(result.speakers.filter((s) => /Neben?zia/.test(s.name))).toHaveLength(1);
  });

  it("finds the Russian proposal, Damascus's denial and the OPCW's confirmation", () => {
    expect(speakerName(result, find(result, "proposed", "independent UN mechanism")!)).toBe(
      "Russia",
    );
    expect(speakerName(result, find(result, "denied", "the allegations")!)).toBe("Damascus");
    expect(speakerName(result, find(result, "reiterated", "does not possess")!)).toBe("Damascus");
    expect(speakerName(result, find(result, "confirmed", "full destruction")!)).toBe("OPCW");
  });

  it("keeps the Security Council meeting as a checkable assertion", () => {
    const meeting = result.claims.find((c) =>
      c.text.startsWith("On Tuesday, the UN Security Council"),
    );
    expect(meeting?.kind).toBe("ASSERTION");
  });

  it("takes no claim from the READ MORE lines", () => {
    const readMore = [...SAMPLE.matchAll(/^READ MORE:.*$/gm)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
    }));
    expect(readMore).toHaveLength(2);
    for (const claim of result.claims) {
      for (const line of readMore)
        expect(claim.end <= line.start || claim.start >= line.end).toBe(true);
    }
  });

  it("is deterministic", () => {
    expect(extractClaims(SAMPLE)).toEqual(result);
  });
});

describe("attribution patterns in general English news", () => {
  const one = (text: string) => extractClaims(text);

  it("reads a quote before and after its attribution, with straight or curly quotes", () => {
    for (const text of [
      '"We will cut taxes by 10 percent," the governor said.',
      "“We will cut taxes by 10 percent,” said Governor Jane Roe.",
      'Governor Jane Roe said: "We will cut taxes by 10 percent."',
    ]) {
      const [claim] = one(text).claims;
      expect(claim?.kind, text).toBe("DIRECT_QUOTE");
      expect(text.slice(claim!.content.start, claim!.content.end)).toMatch(
        /^["“]We will cut taxes by 10 percent/,
      );
    }
  });

  it("reads indirect speech, hearers, adjuncts and appositives", () => {
    const text =
      "Senator Ann Lee told reporters on Monday that unemployment fell to 4 percent. " +
      "The mayor, 58, said the budget doubled last year. " +
      "Police said 12 people were arrested, according to local media.";
    const result = one(text);
    const contents = result.claims.map((c) => text.slice(c.content.start, c.content.end));
    expect(contents).toContain("that unemployment fell to 4 percent");
    expect(contents).toContain("the budget doubled last year");
    expect(result.claims[0]!.speaker!.text).toBe("Senator Ann Lee");
    expect(result.claims[1]!.speaker!.text).toBe("The mayor");
  });

  it("resolves a pronoun to the person last named", () => {
    const text = 'Finance Minister Maria Costa presented the budget. "It is balanced," she said.';
    const result = one(text);
    const quote = result.claims.find((c) => c.kind === "DIRECT_QUOTE")!;
    expect(quote.speaker!.text).toBe("she");
    expect(result.speakers[quote.speakerRef!]!.name).toBe("Maria Costa");
  });

  it("drops bylines, photo credits and share prompts", () => {
    const text = [
      "By Jane Smith and John Doe",
      "Photo: Reuters",
      "Share this article on Facebook",
      "The company said profits rose 20 percent in 2023.",
    ].join("\n");
    const result = one(text);
    expect(result.claims).toHaveLength(1);
    expect(result.claims[0]!.start).toBe(text.indexOf("The company"));
  });
});
