import { admin, anyone, editor, PAGES, reviewer, type Access } from "@/lib/domain/pages";

/**
 * Who may reach what: every page (lib/domain/pages.ts, the page table), server action and
 * API route of the app.
 * Each page, action and route checks its own access on the server (requireRole,
 * runAction, authorizeApi); this table is what those checks must add up to. The
 * authorization-matrix test (e2e/authorization.spec.ts) finds every page and route file
 * and every server action of the build, fails when one is missing here, and tries each
 * entry as every kind of caller: nobody, a reviewer, an editor, an admin, a disabled
 * user, an API token with the scope and one without.
 */
export type { Access };

/** Pages, by their route (the app folder path without route groups): from the page table. */
export const PAGE_ACCESS: Record<string, Access> = Object.fromEntries(
  PAGES.map((page) => [page.route, page.access]),
);

/** Route handlers: route → a request path of it (for dynamic routes, each served file) → access. */
export const ROUTE_ACCESS: Record<string, Record<string, Access>> = {
  "/api/health": { "GET /api/health": anyone },
  "/api/notifications/unread": { "GET /api/notifications/unread": reviewer },
  "/api/auth/[...nextauth]": {
    "GET /api/auth/csrf": anyone,
    "GET /api/auth/session": anyone,
    "GET /api/auth/providers": anyone,
  },
  "/api/v1/claims": { "GET /api/v1/claims": { scope: "claims:read" } },
  "/api/v1/fact-checks": { "GET /api/v1/fact-checks": anyone },
  "/api/v1/repeats": { "GET /api/v1/repeats": { scope: "claims:read" } },
  "/api/v1/agreement.csv": { "GET /api/v1/agreement.csv": { scope: "claims:read" } },
  "/api/v1/match-judgements": { "GET /api/v1/match-judgements": { scope: "claims:read" } },
  "/fact-checks/feed.xml": { "GET /fact-checks/feed.xml": anyone },
  "/api/v1/claims/[claimId]/similar": {
    "GET /api/v1/claims/[claimId]/similar": { scope: "claims:read" },
  },
  "/api/v1/[file]": {
    "GET /api/v1/openapi.json": anyone,
    "GET /api/v1/export.csv": { scope: "export:read" },
    "GET /api/v1/export.json": { scope: "export:read" },
    "GET /api/v1/export.jsonl": { scope: "export:read" },
    "GET /api/v1/export.claimreview.json": { scope: "export:read" },
  },
};

/** Server actions, as "<file>#<exported name>". */
export const ACTION_ACCESS: Record<string, Access> = {
  "app/(app)/admin/actions.ts#createUserAction": admin,
  "app/(app)/admin/actions.ts#changeRoleAction": admin,
  "app/(app)/admin/actions.ts#setDisabledAction": admin,
  "app/(app)/admin/actions.ts#resetPasswordAction": admin,
  "app/(app)/admin/actions.ts#createVerdictAction": admin,
  "app/(app)/admin/actions.ts#updateVerdictAction": admin,
  "app/(app)/admin/actions.ts#moveVerdictAction": admin,
  "app/(app)/admin/actions.ts#retireVerdictAction": admin,
  "app/(app)/admin/actions.ts#deleteVerdictAction": admin,
  "app/(app)/admin/actions.ts#createTokenAction": admin,
  "app/(app)/admin/actions.ts#revokeTokenAction": admin,
  "app/(app)/admin/actions.ts#reextractAction": admin,
  "app/(app)/admin/actions.ts#clearLoginLockAction": admin,
  "app/(app)/admin/actions.ts#createWebhookAction": admin,
  "app/(app)/admin/actions.ts#setWebhookEnabledAction": admin,
  "app/(app)/admin/actions.ts#deleteWebhookAction": admin,
  "app/(app)/admin/actions.ts#replayDeliveryAction": admin,
  "app/(app)/admin/actions.ts#resetTwoFactorAction": admin,
  "app/(app)/admin/actions.ts#inviteUserAction": admin,
  "app/(app)/account/language/actions.ts#setInterfaceLanguage": reviewer,
  "app/(app)/account/security/actions.ts#startTwoFactorAction": reviewer,
  "app/(app)/account/security/actions.ts#confirmTwoFactorAction": reviewer,
  "app/(app)/account/security/actions.ts#newRecoveryCodesAction": reviewer,
  "app/(app)/account/security/actions.ts#turnOffTwoFactorAction": reviewer,
  "app/(app)/approvals/actions.ts#approveSubmittedClaim": editor,
  "app/(app)/approvals/actions.ts#returnSubmittedClaim": editor,
  "app/(app)/approvals/actions.ts#reopenApprovedClaim": editor,
  "app/(app)/approvals/actions.ts#reconcileReviews": editor,
  "app/(app)/claims/actions.ts#saveReviewForm": reviewer,
  "app/(app)/claims/actions.ts#submitReviewForm": reviewer,
  "app/(app)/claims/actions.ts#takeSelectedClaims": reviewer,
  "app/(app)/claims/actions.ts#assignSelectedClaims": editor,
  "app/(app)/claims/actions.ts#setClaimsReviewMode": editor,
  "app/(app)/claims/actions.ts#countFilteredReviewMode": editor,
  "app/(app)/claims/actions.ts#setFilteredReviewMode": editor,
  "app/(app)/claims/actions.ts#undoFilteredReviewMode": editor,
  "app/(app)/claims/actions.ts#dismissSelectedClaims": reviewer,
  "app/(app)/claims/actions.ts#postComment": reviewer,
  "app/(app)/claims/actions.ts#linkAsDuplicate": reviewer,
  "app/(app)/claims/[claimId]/actions.ts#editClaimSpan": reviewer,
  "app/(app)/claims/[claimId]/actions.ts#splitClaimAt": reviewer,
  "app/(app)/claims/[claimId]/actions.ts#mergeClaimWith": reviewer,
  "app/(app)/claims/[claimId]/actions.ts#dismissClaimWithReason": reviewer,
  "app/(app)/claims/[claimId]/actions.ts#correctSpeakerName": reviewer,
  "app/(app)/claims/[claimId]/actions.ts#publishClaimAction": editor,
  "app/(app)/claims/[claimId]/actions.ts#unpublishClaimAction": editor,
  "app/(app)/claims/[claimId]/actions.ts#judgeMatchAction": reviewer,
  "app/(app)/claims/[claimId]/actions.ts#adoptMatchAction": reviewer,
  "app/(app)/articles/[articleId]/actions.ts#addClaimFromSelection": reviewer,
  "app/(app)/articles/[articleId]/actions.ts#correctArticleLanguage": reviewer,
  "app/(app)/articles/import/actions.ts#importPastedArticle": reviewer,
  "app/(app)/articles/import/actions.ts#uploadImportFile": reviewer,
  "app/(app)/articles/import/actions.ts#cancelImport": reviewer,
  "app/(app)/articles/import/actions.ts#importUrls": reviewer,
  "app/(app)/notifications/actions.ts#markNotificationReadAction": reviewer,
  "app/(app)/notifications/actions.ts#markAllNotificationsReadAction": reviewer,
  "app/(app)/notifications/actions.ts#savePreferencesAction": reviewer,
  "app/(app)/feeds/actions.ts#addFeedAction": editor,
  "app/(app)/feeds/actions.ts#setFeedPausedAction": editor,
  "app/(app)/feeds/actions.ts#pollFeedNowAction": editor,
};
