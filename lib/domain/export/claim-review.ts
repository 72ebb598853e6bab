import type { ClaimReview, Organization, Person, WithContext } from "schema-dts";
import type { ExportClaim } from "./types";

export interface Publisher {
  name: string;
  url: string;
  /**
   * Where each fact-check lives on the organisation's site; {id} is the claim id. A claim
   * published by the desk itself has its page's address instead (ExportClaim.publicUrl).
   */
  claimUrlTemplate: string;
}

/** Google's markup guidance: claimReviewed should be short. */
export const SHORT_CLAIM_LIMIT = 75;

export const BEST_RATING = 5;
export const WORST_RATING = 1;

/**
 * One schema.org ClaimReview for an approved claim. Warnings say what a publisher should
 * fix (a long claimReviewed without a short form).
 */
export function toClaimReviewJsonLd(
  claim: ExportClaim,
  publisher: Publisher,
): { jsonld: WithContext<ClaimReview>; warnings: string[] } {
  const warnings: string[] = [];
  // What was claimed, without "— X told reporters": the reviewer's short form, else the content.
  const claimReviewed = claim.shortText ?? claim.content;
  if (!claim.shortText && claim.content.length > SHORT_CLAIM_LIMIT) {
    warnings.push(
      `claim ${claim.id}: claimReviewed is ${claim.content.length} characters; set a short form (at most ${SHORT_CLAIM_LIMIT})`,
    );
  }
  const author: Person | Organization | undefined = claim.speakerName
    ? claim.claimantType === "PERSON"
      ? {
          "@type": "Person",
          name: claim.speakerName,
          ...(claim.speakerRole ? { jobTitle: claim.speakerRole } : {}),
        }
      : { "@type": "Organization", name: claim.speakerName }
    : undefined;
  const appearance = claim.appearanceUrl ?? claim.articleUrl;
  const rated = claim.verdictRatingValue !== null && claim.verdictRatingValue >= WORST_RATING;
  const jsonld: WithContext<ClaimReview> = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    // The desk's own public page while the fact-check is published; else the template.
    url:
      claim.publicUrl ?? publisher.claimUrlTemplate.replace("{id}", encodeURIComponent(claim.id)),
    claimReviewed,
    author: { "@type": "Organization", name: publisher.name, url: publisher.url },
    ...(claim.approvedAt ? { datePublished: claim.approvedAt.slice(0, 10) } : {}),
    reviewRating: {
      "@type": "Rating",
      ...(rated
        ? {
            ratingValue: claim.verdictRatingValue!,
            bestRating: BEST_RATING,
            worstRating: WORST_RATING,
          }
        : {}),
      alternateName: claim.verdictLabel ?? "Unrated",
    },
    itemReviewed: {
      "@type": "Claim",
      ...(author ? { author } : {}),
      ...((claim.appearanceDate ?? claim.articlePublishedAt)
        ? { datePublished: (claim.appearanceDate ?? claim.articlePublishedAt)!.slice(0, 10) }
        : {}),
      ...(appearance ? { appearance: { "@type": "CreativeWork", url: appearance } } : {}),
      ...(claim.firstAppearanceUrl
        ? { firstAppearance: { "@type": "CreativeWork", url: claim.firstAppearanceUrl } }
        : {}),
      // The language the claim was made in: its article's.
      ...(claim.language ? { inLanguage: claim.language } : {}),
    },
  };
  return { jsonld, warnings };
}
