import { createTranslator } from "next-intl";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import { describe, expect, it } from "vitest";
import {
  checklistProblems,
  claimReviewOfPage,
  correctionNeeded,
  correctionText,
  markdownHtml,
  publishChecklist,
  slugFor,
} from "./publishing";

const ready = {
  shortText: "The bridge cost $4 million",
  verdict: { label: "False", retired: false },
  claimantName: "Ana Costa",
  appearanceUrl: "https://news.example/a",
  evidenceCount: 1,
};

describe("the pre-publish checklist", () => {
  it("passes a claim with all that is asked, and names each thing missing", () => {
    expect(checklistProblems(publishChecklist(ready))).toEqual([]);
    const problems = checklistProblems(
      publishChecklist({
        shortText: "x".repeat(76),
        verdict: { label: "Old scale", retired: true },
        claimantName: " ",
        appearanceUrl: null,
        evidenceCount: 0,
      }),
    );
    expect(problems).toEqual([
      "The short form is 76 characters; shorten it to 75.",
      'The verdict "Old scale" is retired; reopen the claim and choose another.',
      "Name the claimant on the review form.",
      "Give the address where the claim appeared on the review form.",
      "Add at least one evidence item.",
    ]);
    expect(
      checklistProblems(publishChecklist({ ...ready, shortText: null, verdict: null })),
    ).toEqual(["Write a short form of the claim on the review form.", "The claim has no verdict."]);
  });
});

describe("addresses and corrections", () => {
  it("makes an ASCII address from the headline and the claim's id", () => {
    expect(slugFor("Did Ána's bridge cost €4m? No!", "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0011")).toBe(
      "did-ana-s-bridge-cost-4m-no-ffff0011",
    );
    expect(slugFor("!!!", "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0011")).toBe("ffff0011");
    expect(slugFor("word ".repeat(40), "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0011").length).toBeLessThan(
      70,
    );
  });

  it("asks for a correction when the verdict or the rationale changed, and writes it dated", () => {
    const published = { verdictId: "v1", rationale: "Because." };
    expect(correctionNeeded(published, { verdictId: "v1", rationale: " Because. " })).toBe(false);
    expect(correctionNeeded(published, { verdictId: "v2", rationale: "Because." })).toBe(true);
    expect(correctionNeeded(published, { verdictId: "v1", rationale: "Other." })).toBe(true);
    const correction = {
      correctedAt: new Date("2026-12-06T10:00:00Z"),
      fromVerdictLabel: "False",
      toVerdictLabel: "Mostly false",
      note: "A revised report.",
    };
    const english = createTranslator({ locale: "en", messages: en, namespace: "Public" });
    expect(correctionText(correction, english)).toBe(
      "Correction, 6 December 2026: verdict changed from False to Mostly false. A revised report.",
    );
    expect(
      correctionText({ ...correction, fromVerdictLabel: "Mostly false", note: " Typo. " }, english),
    ).toBe("Correction, 6 December 2026: rationale revised; the verdict stays Mostly false. Typo.");
    const spanish = createTranslator({ locale: "es", messages: es, namespace: "Public" });
    expect(correctionText(correction, spanish, "es")).toBe(
      "Corrección, 6 de diciembre de 2026: el veredicto cambió de False a Mostly false. A revised report.",
    );
  });
});

describe("the page's ClaimReview", () => {
  it("names the page as its url, the desk as its author, and dateModified once corrected", () => {
    const review = {
      claimReviewed: "The bridge cost $4 million",
      claimantName: "Ana Costa",
      claimantRole: "Mayor",
      claimantType: "PERSON",
      appearanceUrl: "https://news.example/a",
      appearanceDate: new Date("2026-11-30T00:00:00Z"),
      firstAppearanceUrl: null,
      verdictLabel: "False",
      verdictRating: 1,
      publishedAt: new Date("2026-12-01T09:00:00Z"),
      updatedAt: new Date("2026-12-05T09:00:00Z"),
      corrections: [{ correctedAt: new Date("2026-12-05T09:00:00Z") }],
    };
    expect(
      claimReviewOfPage(review, {
        url: "https://desk.example/fact-checks/x",
        publisherName: "Desk",
        publisherUrl: "https://desk.example",
      }),
    ).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "https://desk.example/fact-checks/x",
      claimReviewed: "The bridge cost $4 million",
      author: { "@type": "Organization", name: "Desk", url: "https://desk.example" },
      datePublished: "2026-12-01",
      dateModified: "2026-12-05",
      reviewRating: {
        "@type": "Rating",
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        alternateName: "False",
      },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: "Ana Costa", jobTitle: "Mayor" },
        datePublished: "2026-11-30",
        appearance: { "@type": "CreativeWork", url: "https://news.example/a" },
      },
    });
  });
});

describe("a summary's Markdown", () => {
  it("renders emphasis, lists and links, and nothing that can run", () => {
    expect(
      markdownHtml("We checked the **report**:\n\n- page 4\n- [source](https://a.example)"),
    ).toBe(
      '<p>We checked the <strong>report</strong>:</p>\n<ul>\n<li>page 4</li>\n<li><a href="https://a.example">source</a></li>\n</ul>',
    );
    const hostile = markdownHtml(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)"> [x](javascript:void) [y](data:text/html;base64,PHNjcmlwdD4=)',
    );
    expect(hostile).not.toMatch(/<script|<img|href="(?:javascript|data):/i);
    expect(hostile).toContain("&lt;script&gt;");
    expect(hostile).toContain('<a href="">x</a>');
  });
});
