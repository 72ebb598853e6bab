import type { ClaimAuditAction } from "./audit-actions";
import type { ClaimState } from "./claims";

/**
 * The events worth telling people, one union: the outbox (lib/data/outbox.ts) stores
 * them, the dispatcher delivers them. Written by the claim writer with the change that
 * makes them, never after it.
 */
export const EVENT_NAMES = [
  "claim.assigned",
  "claim.returned",
  "claim.submitted",
  "claim.approved",
  "claim.reopened",
  "double-review.ready",
  "claim.published",
  "claim.corrected",
  "claim.repeat",
  "import.failed",
  "feed.failing",
  "webhook.disabled",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** What an event carries: who acted, and what a notification says beyond that. */
export interface EventPayload {
  /** The claim's assignee after the change (for a claim reviewed once). */
  assigneeId?: string | null;
  /** The person a feed or endpoint event is for (the feed's owner). */
  ownerId?: string;
  /** What a feed or endpoint event is about: its name and why. */
  subject?: string;
  /** The published page's address. */
  url?: string;
  /** The approved claim a new one repeats, and how close (0–1). */
  matchedClaimId?: string;
  score?: number;
  /** A return's or a reopening's reason. */
  reason?: string;
  /** The verdict approved. */
  verdictId?: string | null;
}

/**
 * The event a claim change tells, from its audit action and the state it leads to: an
 * assignment, a return, a submission for approval, an approval (or reconciliation), a
 * reopening, and two blind reviews both in. Every other change tells nobody.
 */
export function eventOfChange(audit: ClaimAuditAction, to: ClaimState): EventName | null {
  switch (audit) {
    case "claim.assign":
      return "claim.assigned";
    case "claim.return":
      return "claim.returned";
    case "claim.submit":
      return to === "SUBMITTED" ? "claim.submitted" : null;
    case "claim.blind-submit":
      return to === "SUBMITTED" ? "double-review.ready" : null;
    case "claim.approve":
    case "claim.reconcile":
      return "claim.approved";
    case "claim.reopen":
      return "claim.reopened";
    default:
      return null;
  }
}

/**
 * Who an event is for: the claim's reviewers (its assignee, or its blind reviewers), the
 * editors, the admins, or the one person it names (a feed's owner).
 */
export const EVENT_AUDIENCE: Record<EventName, "reviewers" | "editors" | "admins" | "owner"> = {
  "claim.assigned": "reviewers",
  "claim.returned": "reviewers",
  "claim.submitted": "editors",
  "claim.approved": "reviewers",
  "claim.reopened": "reviewers",
  "double-review.ready": "editors",
  "claim.published": "reviewers",
  "claim.corrected": "reviewers",
  "claim.repeat": "editors",
  "import.failed": "owner",
  "feed.failing": "owner",
  "webhook.disabled": "admins",
};

/**
 * Each event as people choose it in their preferences: what it is called, and whether it
 * comes in the app and by email until they say otherwise (mail goes by default only for
 * what asks someone to act now); and what it is, for webhook receivers (OpenAPI).
 */
export const EVENT_INFO: Record<
  EventName,
  { label: string; inApp: boolean; email: boolean; summary: string }
> = {
  "claim.assigned": {
    label: "A claim is assigned to me",
    inApp: true,
    email: true,
    summary: "A claim was assigned to a reviewer",
  },
  "claim.returned": {
    label: "A claim is returned to me",
    inApp: true,
    email: true,
    summary: "An editor returned a claim to its reviewer, with a reason",
  },
  "claim.submitted": {
    label: "A claim waits for approval (editors)",
    inApp: true,
    email: false,
    summary: "A review was submitted for approval",
  },
  "claim.approved": {
    label: "My claim is approved",
    inApp: true,
    email: false,
    summary: "An editor approved a claim's verdict (or reconciled two reviews)",
  },
  "claim.reopened": {
    label: "My claim is reopened for a correction",
    inApp: true,
    email: false,
    summary: "An editor reopened an approved claim for a correction",
  },
  "double-review.ready": {
    label: "Both blind reviews are in (editors)",
    inApp: true,
    email: false,
    summary: "Both blind reviews of a claim are in, ready to reconcile",
  },
  "claim.published": {
    label: "My claim is published",
    inApp: true,
    email: false,
    summary: "A claim's fact-check was published",
  },
  "claim.corrected": {
    label: "My published claim is corrected",
    inApp: true,
    email: false,
    summary: "A published fact-check was corrected, with what changed",
  },
  "claim.repeat": {
    label: "A new claim repeats one the desk checked (editors)",
    inApp: true,
    email: false,
    summary: "A new claim repeats one the desk has approved",
  },
  "import.failed": {
    label: "My import finished with failures",
    inApp: true,
    email: false,
    summary: "An import finished with failed items",
  },
  "feed.failing": {
    label: "My feed keeps failing (editors)",
    inApp: true,
    email: true,
    summary: "A feed failed three polls in a row",
  },
  "webhook.disabled": {
    label: "A webhook is disabled (admins)",
    inApp: true,
    email: true,
    summary: "A webhook endpoint was turned off after a day of failures",
  },
};

/** A notification's words: "<actor> returned a claim to you: <reason>", and so on. */
export function notificationText(
  name: EventName,
  facts: {
    actor: string;
    claim: string;
    reason?: string;
    verdict?: string | null;
    subject?: string;
  },
): string {
  const claim = `“${facts.claim.length > 120 ? `${facts.claim.slice(0, 119)}…` : facts.claim}”`;
  switch (name) {
    case "claim.assigned":
      return `${facts.actor} assigned you a claim: ${claim}`;
    case "claim.returned":
      return `${facts.actor} returned ${claim} to you${facts.reason ? `: ${facts.reason}` : ""}`;
    case "claim.submitted":
      return `${facts.actor} submitted ${claim} for approval`;
    case "claim.approved":
      return `${facts.actor} approved ${claim}${facts.verdict ? ` as ${facts.verdict}` : ""}`;
    case "claim.reopened":
      return `${facts.actor} reopened ${claim} for a correction${facts.reason ? `: ${facts.reason}` : ""}`;
    case "double-review.ready":
      return `Both reviews of ${claim} are in, ready to reconcile`;
    case "claim.published":
      return `${facts.actor} published ${claim}${facts.verdict ? ` as ${facts.verdict}` : ""}`;
    case "claim.corrected":
      return `${facts.actor} corrected the published ${claim}${facts.reason ? `: ${facts.reason}` : ""}`;
    case "claim.repeat":
      return `A new claim repeats one the desk has checked: ${claim}`;
    case "import.failed":
      return `Your import ${facts.subject ?? ""} finished${facts.reason ? `: ${facts.reason}` : ""}`;
    case "feed.failing":
      return `Your feed ${facts.subject ?? ""} keeps failing${facts.reason ? `: ${facts.reason}` : ""}`;
    case "webhook.disabled":
      return `The webhook ${facts.subject ?? ""} was disabled after failing for a day${facts.reason ? `: ${facts.reason}` : ""}`;
  }
}
