import { describe, expect, it } from "vitest";
import { csvField, neutraliseFormula } from "./csv";
import { SHORT_CLAIM_LIMIT, toClaimReviewJsonLd } from "./claim-review";
import { encodeExport } from "./encode";
import type { ExportClaim } from "./types";

const claim = (over: Partial<ExportClaim> = {}): ExportClaim => ({
  id: "0190a0b0-0000-7000-8000-000000000001",
  text: "Unemployment fell to 3 percent.",
  content: over.text ?? "Unemployment fell to 3 percent.",
  shortText: null,
  kind: "ASSERTION",
  state: "APPROVED",
  speakerName: "Acme Corp",
  speakerRole: null,
  claimantType: "ORGANISATION",
  appearanceUrl: null,
  appearanceDate: null,
  firstAppearanceUrl: null,
  firstAppearanceDate: null,
  articleTitle: null,
  articleUrl: "https://news.example/a",
  articleOutlet: null,
  articlePublishedAt: "2024-05-01T10:00:00.000Z",
  language: "en",
  start: 0,
  end: 10,
  verdictLabel: "Unproven",
  verdictRatingValue: 0,
  rationale: null,
  evidence: [],
  reviewer: null,
  approver: null,
  approvedAt: "2024-05-02T09:00:00.000Z",
  corrected: false,
  appUrl: "https://app.example/claims/1",
  publicUrl: null,
  doubleReview: null,
  ...over,
});

describe("CSV cells", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@x", "'@x"],
    ["\tx", "'\tx"],
    ["\uFF1DSUM(A1)", "'\uFF1DSUM(A1)"],
    ["\uFF0B1", "'\uFF0B1"],
    ["\uFF0D2", "'\uFF0D2"],
    ["\uFF20x", "'\uFF20x"],
    ["safe", "safe"],
    ["a=b", "a=b"],
  ])("neutralises %j", (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it("quotes what RFC 4180 requires and doubles quotes", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(null)).toBe("");
    expect(csvField(12)).toBe("12");
  });
});

describe("ClaimReview", () => {
  const publisher = {
    name: "Desk",
    url: "https://desk.example",
    claimUrlTemplate: "https://desk.example/c/{id}",
  };

  it("reviews the claim's content, not its attribution, unless a short form is set", () => {
    const quoted = claim({
      text: '"The budget fell by a third," the minister told reporters.',
      content: "The budget fell by a third,",
    });
    expect(toClaimReviewJsonLd(quoted, publisher).jsonld.claimReviewed).toBe(
      "The budget fell by a third,",
    );
    expect(
      toClaimReviewJsonLd({ ...quoted, shortText: "Budget cut by a third" }, publisher).jsonld
        .claimReviewed,
    ).toBe("Budget cut by a third");
  });

  it("warns about a long claimReviewed unless a short form is set", () => {
    const long = "x".repeat(SHORT_CLAIM_LIMIT + 1);
    expect(toClaimReviewJsonLd(claim({ text: long }), publisher).warnings).toHaveLength(1);
    const short = toClaimReviewJsonLd(claim({ text: long, shortText: "Short form" }), publisher);
    expect(short.warnings).toEqual([]);
    expect(short.jsonld.claimReviewed).toBe("Short form");
  });

  it("names an organisation as Organization and leaves an unrated verdict without a numeric rating", () => {
    const { jsonld } = toClaimReviewJsonLd(claim(), publisher);
    expect(jsonld).toMatchObject({
      url: "https://desk.example/c/0190a0b0-0000-7000-8000-000000000001",
      datePublished: "2024-05-02",
      reviewRating: { "@type": "Rating", alternateName: "Unproven" },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Organization", name: "Acme Corp" },
        datePublished: "2024-05-01",
        appearance: { "@type": "CreativeWork", url: "https://news.example/a" },
        inLanguage: "en",
      },
    });
    expect(jsonld.reviewRating).not.toHaveProperty("ratingValue");
  });

  it("gives the claim's language as inLanguage, and leaves it out when unknown", () => {
    const spanish = toClaimReviewJsonLd(claim({ language: "es" }), publisher).jsonld;
    expect(spanish.itemReviewed).toMatchObject({ inLanguage: "es" });
    const unknown = toClaimReviewJsonLd(claim({ language: null }), publisher).jsonld;
    expect(unknown.itemReviewed).not.toHaveProperty("inLanguage");
  });

  it("points at the desk's own public page once the claim is published there", () => {
    const page = "https://desk.example/fact-checks/acme-unemployment";
    expect(toClaimReviewJsonLd(claim({ publicUrl: page }), publisher).jsonld.url).toBe(page);
  });
});

describe("ClaimReview inside an HTML page", () => {
  it("cannot end the script block it is pasted into, and parses to the same values", async () => {
    const hostile = `"Safe" </script><script>alert(1)</script> & <!-- \u2028 \\</script>`;
    const publisher = { name: "Desk <b>", url: "https://desk.example", claimUrlTemplate: "" };
    async function* one() {
      yield claim({ text: hostile, shortText: null, rationale: hostile });
    }
    let text = "";
    for await (const chunk of encodeExport("claimreview", one(), publisher)) text += chunk;
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(text).toContain("\\u003c/script\\u003e");
    const [review] = JSON.parse(text) as Array<{ claimReviewed: string; author: { name: string } }>;
    expect(review!.claimReviewed).toBe(hostile);
    expect(review!.author.name).toBe("Desk <b>");
  });
});
