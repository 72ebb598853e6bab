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
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** What an event of a claim carries: who acted, and what a notification says beyond that. */
export interface ClaimEventPayload {
  /** The claim's assignee after the change (for a claim reviewed once). */
  assigneeId: string | null;
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

/** Who an event is for: the claim's reviewers (its assignee, or its blind reviewers), or its editors. */
export const EVENT_AUDIENCE: Record<EventName, "reviewers" | "editors"> = {
  "claim.assigned": "reviewers",
  "claim.returned": "reviewers",
  "claim.submitted": "editors",
  "claim.approved": "reviewers",
  "claim.reopened": "reviewers",
  "double-review.ready": "editors",
};

/** A notification's words: "<actor> returned a claim to you: <reason>", and so on. */
export function notificationText(
  name: EventName,
  facts: { actor: string; claim: string; reason?: string; verdict?: string | null },
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
  }
}
