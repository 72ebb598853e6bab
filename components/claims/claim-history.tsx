import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/components/ui/format";
import { CLAIM_STATES, type ClaimState } from "@/lib/domain/claims";
import { REVIEW_FIELDS } from "@/lib/domain/review-fields";
import type { BlindReviewAuditAction, ClaimAuditAction } from "@/lib/domain/audit-actions";
import type en from "@/lib/i18n/messages/en.json";

type Messages = (typeof en)["History"];

/** Each audit action of a claim, as its key in the History messages ("took the claim"). */
const ACTIONS: Record<ClaimAuditAction | BlindReviewAuditAction, keyof Messages["actions"]> = {
  "claim.create": "create",
  "claim.take": "take",
  "claim.assign": "assign",
  "claim.review": "review",
  "claim.submit": "submit",
  "claim.dismiss": "dismiss",
  "claim.span": "span",
  "claim.split": "split",
  "claim.merge": "merge",
  "claim.approve": "approve",
  "claim.return": "return",
  "claim.reopen": "reopen",
  "claim.claimant": "claimant",
  "claim.review-mode": "reviewMode",
  "claim.blind-submit": "blindSubmit",
  "claim.reconcile": "reconcile",
  "claim.publish": "publish",
  "claim.unpublish": "unpublish",
  "claim.match.judge": "matchJudge",
  "blind-review.save": "blindSave",
  "blind-review.submit": "blindSaveSubmit",
};

/** The fields a history event lists, each by its key in the History messages. */
const FIELDS = new Set<keyof Messages["fields"]>([
  ...REVIEW_FIELDS,
  "content",
  "judgement",
  "evidence",
  "state",
  "assigneeId",
  "dueAt",
  "dismissReason",
  "reason",
  "reviewsReturned",
  "doubleReview",
  "outcome",
  "text",
  "start",
  "end",
  "publication",
  "correction",
]);

type Translate = ReturnType<typeof useTranslations<"History">>;

/** A recorded value in words: a state by its name, ids by their names, lists by addresses. */
function show(
  value: unknown,
  names: Record<string, string>,
  t: Translate,
  stateName: (state: ClaimState) => string,
): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  if (value === "ADOPT") return t("adopted");
  if (value === "FINAL") return t("final");
  if (value === "SAME") return t("yes");
  if (value === "NOT_SAME") return t("no");
  if (typeof value === "string" && (CLAIM_STATES as readonly string[]).includes(value)) {
    return stateName(value as ClaimState);
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? t("none")
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
  const t = useTranslations("History");
  const states = useTranslations("States");
  const locale = useLocale();
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="space-y-3" data-testid="claim-history">
      {events.map((event) => {
        const before = (event.before ?? {}) as Record<string, unknown>;
        const after = (event.after ?? {}) as Record<string, unknown>;
        // Fields that changed; one recorded but unchanged (the verdict a submission carries)
        // is not a change to list.
        const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (f): f is keyof Messages["fields"] =>
            FIELDS.has(f as keyof Messages["fields"]) &&
            JSON.stringify(before[f]) !== JSON.stringify(after[f]),
        );
        return (
          <li
            key={String(event.id)}
            className="rounded-md bg-slate-50 p-3 text-sm"
            data-testid="history-event"
          >
            <p>
              <strong>{event.actor?.name ?? event.actorLabel ?? t("system")}</strong>{" "}
              {event.action in ACTIONS
                ? t(`actions.${ACTIONS[event.action as keyof typeof ACTIONS]}`)
                : event.action}
              <span className="text-slate-600"> · {formatDateTime(event.at, locale)}</span>
            </p>
            {fields.length === 0 && event.action === "claim.review" && (
              <p className="mt-1 text-slate-600">{t("noFieldChanged")}</p>
            )}
            {fields.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {fields.map((field) => (
                  <li key={field}>
                    {t(`fields.${field}`)}:{" "}
                    <span className="text-slate-500 line-through decoration-slate-400">
                      {show(before[field], names, t, states)}
                    </span>{" "}
                    → <span>{show(after[field], names, t, states)}</span>
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
