import { micromark } from "micromark";
import { BEST_RATING, SHORT_CLAIM_LIMIT, WORST_RATING } from "./export/claim-review";

/**
 * What publishing a fact-check asks of a claim, and the text of its page that is derived
 * rather than written: pure, shared by the claim page (which shows the checklist before
 * anyone presses Publish), the data layer (which refuses what fails it) and the public pages.
 */

/** What the checklist reads of an approved claim. */
export interface PublishFacts {
  shortText: string | null;
  verdict: { label: string; retired: boolean } | null;
  claimantName: string | null;
  appearanceUrl: string | null;
  evidenceCount: number;
}

export interface ChecklistItem {
  key: "shortText" | "verdict" | "claimant" | "appearance" | "evidence";
  /** What is asked, as the checklist shows it. */
  label: string;
  ok: boolean;
  /** Why not, when not. */
  problem?: string;
  /** For the interface's own wording of the problem: the short form's length, the retired verdict. */
  detail?: { length?: number; verdict?: string };
}

/**
 * What fact-check aggregators and the IFCN code ask of a published fact-check, each item
 * met or not, with why: a short form of the claim for ClaimReview's claimReviewed (Google:
 * under 75 characters), a verdict of the desk's vocabulary (its ratings page explains
 * each), who made the claim, where it appeared, and at least one source of evidence.
 */
export function publishChecklist(facts: PublishFacts): ChecklistItem[] {
  const short = facts.shortText?.trim() ?? "";
  return [
    {
      key: "shortText",
      label: `A short form of the claim (at most ${SHORT_CLAIM_LIMIT} characters)`,
      ok: short.length > 0 && short.length <= SHORT_CLAIM_LIMIT,
      problem: !short
        ? "Write a short form of the claim on the review form."
        : short.length > SHORT_CLAIM_LIMIT
          ? `The short form is ${short.length} characters; shorten it to ${SHORT_CLAIM_LIMIT}.`
          : undefined,
      detail: short.length > SHORT_CLAIM_LIMIT ? { length: short.length } : undefined,
    },
    {
      key: "verdict",
      label: "A verdict of the desk's vocabulary",
      ok: facts.verdict !== null && !facts.verdict.retired,
      problem: !facts.verdict
        ? "The claim has no verdict."
        : facts.verdict.retired
          ? `The verdict "${facts.verdict.label}" is retired; reopen the claim and choose another.`
          : undefined,
      detail: facts.verdict?.retired ? { verdict: facts.verdict.label } : undefined,
    },
    {
      key: "claimant",
      label: "Who made the claim",
      ok: Boolean(facts.claimantName?.trim()),
      problem: facts.claimantName?.trim() ? undefined : "Name the claimant on the review form.",
    },
    {
      key: "appearance",
      label: "Where the claim appeared",
      ok: Boolean(facts.appearanceUrl?.trim()),
      problem: facts.appearanceUrl?.trim()
        ? undefined
        : "Give the address where the claim appeared on the review form.",
    },
    {
      key: "evidence",
      label: "At least one source of evidence",
      ok: facts.evidenceCount > 0,
      problem: facts.evidenceCount > 0 ? undefined : "Add at least one evidence item.",
    },
  ];
}

/** The checklist's problems, one sentence each; empty when it may be published. */
export function checklistProblems(items: ChecklistItem[]): string[] {
  return items.flatMap((item) => (item.ok ? [] : [item.problem ?? item.label]));
}

/** The longest slug made from a headline, before the claim's own suffix. */
const SLUG_WORDS_MAX = 60;

/**
 * A fact-check's address under /fact-checks/: the headline's words, in ASCII and lower
 * case, and the last eight hex digits of the claim's id (random in a UUID v7, so that two
 * headlines alike do not share an address). Fixed at the first publication: a changed headline does not move the page.
 */
export function slugFor(headline: string, claimId: string): string {
  const words = headline
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_WORDS_MAX)
    .replace(/-+$/g, "");
  const suffix = claimId.replace(/-/g, "").slice(-8);
  return words ? `${words}-${suffix}` : suffix;
}

/** What a republication changes that readers must be told of: the verdict or the rationale. */
export function correctionNeeded(
  published: { verdictId: string; rationale: string },
  next: { verdictId: string; rationale: string },
): boolean {
  return (
    published.verdictId !== next.verdictId || published.rationale.trim() !== next.rationale.trim()
  );
}

/** "6 December 2026", as the public pages write dates (in their language: "6 de diciembre de 2026"). */
export function publicDate(date: Date | string, locale = "en"): string {
  return new Date(date).toLocaleDateString(locale === "en" ? "en-GB" : locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** A translator of the Public.correction message (next-intl's, or createTranslator's in tests). */
export type SayCorrection = (
  key: "correction",
  values: { date: string; from: string; to: string; same: string; note: string },
) => string;

/**
 * A correction as the page and the corrections log show it: "Correction, 6 December 2026:
 * verdict changed from False to Mostly false. A revised report." in the page's language.
 */
export function correctionText(
  correction: {
    correctedAt: Date | string;
    fromVerdictLabel: string;
    toVerdictLabel: string;
    note: string;
  },
  say: SayCorrection,
  locale = "en",
): string {
  return say("correction", {
    date: publicDate(correction.correctedAt, locale),
    from: correction.fromVerdictLabel,
    to: correction.toVerdictLabel,
    same: String(correction.fromVerdictLabel === correction.toVerdictLabel),
    note: correction.note.trim(),
  });
}

/**
 * A summary written in Markdown, as HTML safe to put in a page: micromark writes raw HTML
 * as text and drops link addresses of any scheme but http(s), mailto and the like
 * (javascript: included), so nothing in it can run.
 */
export function markdownHtml(markdown: string): string {
  return micromark(markdown);
}

/** What a page's ClaimReview is made of: the published copy, the desk and the page's address. */
export interface PublishedReview {
  claimReviewed: string;
  claimantName: string;
  claimantRole: string | null;
  claimantType: string | null;
  appearanceUrl: string;
  appearanceDate: Date | null;
  firstAppearanceUrl: string | null;
  verdictLabel: string;
  verdictRating: number;
  publishedAt: Date;
  updatedAt: Date;
  corrections: Array<{ correctedAt: Date }>;
}

/**
 * The page's one schema.org ClaimReview, from the same copy the page shows: its `url` the
 * page's own address, `dateModified` once a correction was published. Written as JSON safe
 * inside a <script> block.
 */
export function claimReviewOfPage(
  review: PublishedReview,
  page: { url: string; publisherName: string; publisherUrl: string },
): Record<string, unknown> {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const corrected = review.corrections.at(-1)?.correctedAt ?? null;
  const rated = review.verdictRating >= WORST_RATING && review.verdictRating <= BEST_RATING;
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: page.url,
    claimReviewed: review.claimReviewed,
    author: { "@type": "Organization", name: page.publisherName, url: page.publisherUrl },
    datePublished: day(review.publishedAt),
    ...(corrected ? { dateModified: day(corrected) } : {}),
    reviewRating: {
      "@type": "Rating",
      ...(rated
        ? { ratingValue: review.verdictRating, bestRating: BEST_RATING, worstRating: WORST_RATING }
        : {}),
      alternateName: review.verdictLabel,
    },
    itemReviewed: {
      "@type": "Claim",
      author:
        review.claimantType === "PERSON"
          ? {
              "@type": "Person",
              name: review.claimantName,
              ...(review.claimantRole ? { jobTitle: review.claimantRole } : {}),
            }
          : { "@type": "Organization", name: review.claimantName },
      ...(review.appearanceDate ? { datePublished: day(review.appearanceDate) } : {}),
      appearance: { "@type": "CreativeWork", url: review.appearanceUrl },
      ...(review.firstAppearanceUrl
        ? { firstAppearance: { "@type": "CreativeWork", url: review.firstAppearanceUrl } }
        : {}),
    },
  };
}

/**
 * The feed, as every public page names it (<link rel="alternate">). A page that sets its
 * own `alternates` (a canonical address) repeats this: Next replaces the layout's whole.
 */
export const FEED_ALTERNATE = {
  "application/atom+xml": [{ url: "/fact-checks/feed.xml", title: "Fact-checks" }],
};
