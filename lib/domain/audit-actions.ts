/**
 * The names of audit events, one union: an event written under a name not listed here does
 * not compile, and a page that names events (the claim's history) must name them all.
 */

/** A claim's own events: what its history lists (lib/data/claim-writer.ts writes most). */
export const CLAIM_AUDIT_ACTIONS = [
  "claim.create",
  "claim.take",
  "claim.assign",
  "claim.review",
  "claim.submit",
  "claim.dismiss",
  "claim.span",
  "claim.split",
  "claim.merge",
  "claim.approve",
  "claim.return",
  "claim.reopen",
  "claim.claimant",
  "claim.review-mode",
  "claim.blind-submit",
  "claim.reconcile",
  "claim.publish",
  "claim.unpublish",
  "claim.match.judge",
] as const;
export type ClaimAuditAction = (typeof CLAIM_AUDIT_ACTIONS)[number];

/** A blind review's events, in its claim's history for whom may read them. */
export const BLIND_REVIEW_AUDIT_ACTIONS = ["blind-review.save", "blind-review.submit"] as const;
export type BlindReviewAuditAction = (typeof BLIND_REVIEW_AUDIT_ACTIONS)[number];

export const AUDIT_ACTIONS = [
  ...CLAIM_AUDIT_ACTIONS,
  ...BLIND_REVIEW_AUDIT_ACTIONS,
  "article.import",
  "article.reextract",
  "article.language",
  "extraction.queue",
  "import.cancel",
  "feed.add",
  "feed.pause",
  "feed.resume",
  "speaker.rename",
  "comment.create",
  "factcheck.import",
  "factcheck.correct",
  "verdict.create",
  "verdict.update",
  "verdict.reorder",
  "verdict.retire",
  "verdict.restore",
  "verdict.delete",
  "user.create",
  "user.locale",
  "user.invite",
  "user.sso-link",
  "user.role",
  "user.disable",
  "user.enable",
  "user.password-reset",
  "user.two-factor-enable",
  "user.two-factor-disable",
  "user.two-factor-recovery-codes",
  "user.two-factor-recovery-used",
  "user.two-factor-reset",
  "login-lock.clear",
  "token.create",
  "token.revoke",
  "notifications.preferences",
  "webhook.create",
  "webhook.enable",
  "webhook.disable",
  "webhook.delete",
  "webhook.replay",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
