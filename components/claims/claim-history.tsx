import { formatDateTime } from "@/components/ui/format";
import { CLAIM_STATE_LABELS, type ClaimState } from "@/lib/domain/claims";
import { REVIEW_FIELD_DEFS, REVIEW_FIELDS } from "@/lib/domain/review-fields";
import type { BlindReviewAuditAction, ClaimAuditAction } from "@/lib/domain/audit-actions";

const ACTIONS: Record<ClaimAuditAction | BlindReviewAuditAction, string> = {
  "claim.create": "added the claim",
  "claim.take": "took the claim",
  "claim.assign": "assigned the claim",
  "claim.review": "saved the review",
  "claim.submit": "submitted it for approval",
  "claim.dismiss": "dismissed the claim",
  "claim.span": "changed the span",
  "claim.split": "split the claim",
  "claim.merge": "merged another claim into it",
  "claim.approve": "approved the verdict",
  "claim.return": "returned it to the reviewer",
  "claim.reopen": "reopened it for correction",
  "claim.claimant": "corrected the speaker's name",
  "claim.review-mode": "changed how many reviews it needs",
  "claim.blind-submit": "submitted their independent review",
  "claim.reconcile": "reconciled the two reviews and approved the verdict",
  "claim.publish": "published it as a public fact-check",
  "claim.unpublish": "withdrew its public fact-check",
  "claim.match.judge": "judged a fact-check it matched",
  "blind-review.save": "saved their independent review",
  "blind-review.submit": "saved and submitted their independent review",
};

const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(REVIEW_FIELDS.map((f) => [f, REVIEW_FIELD_DEFS[f].history])),
  content: "what is claimed",
  judgement: "same claim as the fact-check",
  evidence: "evidence",
  state: "state",
  assigneeId: "assignee",
  dueAt: "due date",
  dismissReason: "reason",
  reason: "reason",
  reviewsReturned: "reviews sent back",
  doubleReview: "needs two reviews",
  outcome: "decision",
  text: "text",
  start: "start",
  end: "end",
  publication: "public page",
  correction: "correction note",
};

function show(value: unknown, names: Record<string, string>): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value === "ADOPT") return "adopted one review";
  if (value === "FINAL") return "wrote the final verdict";
  if (value === "SAME") return "yes";
  if (value === "NOT_SAME") return "no";
  if (typeof value === "string" && value in CLAIM_STATE_LABELS) {
    return CLAIM_STATE_LABELS[value as ClaimState];
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? "none"
      : value
          .map((v) =>
            v && typeof v === "object" && "url" in v
              ? String((v as { url: string }).url)
              : JSON.stringify(v),
          )
          .join(", ");
  }
  if (typeof value === "string")
    return names[value] ?? (value.length > 160 ? `${value.slice(0, 160)}…` : value);
  return String(value);
}

export interface HistoryEvent {
  id: bigint;
  action: string;
  at: Date;
  before: unknown;
  after: unknown;
  actorLabel: string | null;
  actor: { name: string } | null;
}

/** The audit trail of a claim: who changed what, when, and from what to what. */
export function ClaimHistory({
  events,
  names,
}: {
  events: HistoryEvent[];
  names: Record<string, string>;
}) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No history yet.</p>;
  return (
    <ol className="space-y-3" data-testid="claim-history">
      {events.map((event) => {
        const before = (event.before ?? {}) as Record<string, unknown>;
        const after = (event.after ?? {}) as Record<string, unknown>;
        // Fields that changed; one recorded but unchanged (the verdict a submission carries)
        // is not a change to list.
        const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (f) => FIELD_LABELS[f] && JSON.stringify(before[f]) !== JSON.stringify(after[f]),
        );
        return (
          <li
            key={String(event.id)}
            className="rounded-md bg-slate-50 p-3 text-sm"
            data-testid="history-event"
          >
            <p>
              <strong>{event.actor?.name ?? event.actorLabel ?? "System"}</strong>{" "}
              {ACTIONS[event.action as keyof typeof ACTIONS] ?? event.action}
              <span className="text-slate-600"> · {formatDateTime(event.at)}</span>
            </p>
            {fields.length === 0 && event.action === "claim.review" && (
              <p className="mt-1 text-slate-600">No field changed.</p>
            )}
            {fields.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {fields.map((field) => (
                  <li key={field}>
                    {FIELD_LABELS[field]}:{" "}
                    <span className="text-slate-500 line-through decoration-slate-400">
                      {show(before[field], names)}
                    </span>{" "}
                    → <span>{show(after[field], names)}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
