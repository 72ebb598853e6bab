"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  dismissClaimWithReason,
  editClaimSpan,
  mergeClaimWith,
  splitClaimAt,
} from "@/app/(app)/claims/[claimId]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useActionRunner } from "@/components/ui/use-action";
import { selectionOffsets } from "@/components/articles/body-offset";
import type { ActionResult } from "@/lib/errors";

interface Sibling {
  id: string;
  text: string;
  start: number | null;
  end: number | null;
  version: number;
}

/** Word boundaries inside the claim where a split makes sense: after , ; : . and before "and". */
function splitPoints(body: string, start: number, end: number): number[] {
  const points: number[] = [];
  const text = body.slice(start, end);
  const re = /[.;:,](?=\s)|\s(?=and\s|but\s|while\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = start + m.index + 1;
    if (at - start > 10 && end - at > 10) points.push(at);
  }
  return points.slice(0, 30);
}

export function ClaimEditTools({
  claim,
  body,
  siblings,
  canDismiss = true,
  returnsReviews = false,
}: {
  claim: { id: string; version: number; start: number; end: number };
  body: string;
  siblings: Sibling[];
  /** Whether the lifecycle lets this person dismiss it (one of two reviewers may not). */
  canDismiss?: boolean;
  /**
   * An editor on a claim whose blind reviews are open: any change of text or span sends both
   * reviews back, with the reason asked for here.
   */
  returnsReviews?: boolean;
}) {
  const t = useTranslations("ClaimEdit");
  const { run: runAction, pending, message, setMessage, fieldErrors: errors } = useActionRunner();
  const [start, setStart] = useState(claim.start);
  const [end, setEnd] = useState(claim.end);
  const points = splitPoints(body, claim.start, claim.end);
  const [splitAt, setSplitAt] = useState<number | "">(points[0] ?? "");
  const [mergeWith, setMergeWith] = useState(siblings[0]?.id ?? "");
  const [dismissOpen, setDismissOpen] = useState(false);
  const [selectionHint, setSelectionHint] = useState<string | null>(null);
  const [duplicateOf, setDuplicateOf] = useState("");
  const [reason, setReason] = useState("");
  /** The reason goes with every change of text or span while blind reviews are open. */
  const because = returnsReviews ? { returnReason: reason } : {};
  const run = <T,>(call: () => Promise<ActionResult<T>>, success: string) =>
    void runAction(call, { success });

  const preview = start >= 0 && end <= body.length && end > start ? body.slice(start, end) : "";
  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {returnsReviews && (
        <Field
          label={t("returnReason")}
          hint={t("returnReasonHint")}
          error={errors.returnReason}
          required
        >
          <Input value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      )}
      <section aria-labelledby="span-heading" className="space-y-3">
        <h3 id="span-heading" className="text-sm font-semibold text-slate-700">
          {t("span")}
        </h3>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              const root = document.querySelector<HTMLElement>(
                '[data-testid="claim-context-text"]',
              );
              const selected = root ? selectionOffsets(root) : null;
              if (!selected) {
                setSelectionHint(t("selectFirst"));
                return;
              }
              setSelectionHint(null);
              setStart(selected.start);
              setEnd(selected.end);
            }}
          >
            {t("useSelection")}
          </Button>
          {selectionHint && <span className="text-sm text-slate-600">{selectionHint}</span>}
        </div>
        <details className="text-sm" open={Boolean(errors.start || errors.end) || undefined}>
          <summary className="cursor-pointer text-slate-700">{t("offsets")}</summary>
          <div className="mt-2">
            <div className="grid grid-cols-2 gap-3">
              <Field label={t("start")} error={errors.start}>
                <Input
                  type="number"
                  min={0}
                  max={body.length}
                  value={start}
                  onChange={(e) => setStart(Number(e.target.value))}
                />
              </Field>
              <Field label={t("end")} error={errors.end}>
                <Input
                  type="number"
                  min={0}
                  max={body.length}
                  value={end}
                  onChange={(e) => setEnd(Number(e.target.value))}
                />
              </Field>
            </div>
          </div>
        </details>
        {/* The text as it stands in the article: its own quotation marks, none added. */}
        <blockquote
          className="rounded border-s-4 border-slate-300 bg-slate-50 p-2 text-sm text-slate-700"
          dir="auto"
          aria-live="polite"
          data-testid="span-preview"
        >
          {preview || t("noText")}
        </blockquote>
        <Button
          variant="secondary"
          size="sm"
          disabled={pending || (start === claim.start && end === claim.end)}
          onClick={() =>
            run(
              () =>
                editClaimSpan({
                  claimId: claim.id,
                  version: claim.version,
                  start,
                  end,
                  ...because,
                }),
              t("spanSaved"),
            )
          }
        >
          {t("saveSpan")}
        </Button>
      </section>

      {points.length > 0 && (
        <section aria-labelledby="split-heading" className="space-y-3">
          <h3 id="split-heading" className="text-sm font-semibold text-slate-700">
            {t("split")}
          </h3>
          <Field label={t("splitAfter")}>
            <Select value={splitAt} onChange={(e) => setSplitAt(Number(e.target.value))}>
              {points.map((p) => (
                <option key={p} value={p}>
                  …{body.slice(Math.max(claim.start, p - 40), p)}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            variant="secondary"
            size="sm"
            disabled={pending || splitAt === ""}
            onClick={() =>
              run(
                () =>
                  splitClaimAt({
                    claimId: claim.id,
                    version: claim.version,
                    at: splitAt,
                    ...because,
                  }),
                t("splitDone"),
              )
            }
          >
            {t("splitClaim")}
          </Button>
        </section>
      )}

      {siblings.length > 0 && (
        <section aria-labelledby="merge-heading" className="space-y-3">
          <h3 id="merge-heading" className="text-sm font-semibold text-slate-700">
            {t("merge")}
          </h3>
          <Field label={t("mergeIn")} hint={t("mergeHint")}>
            <Select value={mergeWith} onChange={(e) => setMergeWith(e.target.value)}>
              {siblings.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.text.slice(0, 90)}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            variant="secondary"
            size="sm"
            disabled={pending || !mergeWith}
            onClick={() => {
              const other = siblings.find((s) => s.id === mergeWith)!;
              run(
                () =>
                  mergeClaimWith({
                    claimId: claim.id,
                    version: claim.version,
                    otherClaimId: other.id,
                    otherVersion: other.version,
                    ...because,
                  }),
                t("mergeDone"),
              );
            }}
          >
            {t("mergeClaims")}
          </Button>
        </section>
      )}

      {canDismiss && (
        <section className="border-t border-slate-200 pt-4">
          <Button
            variant="danger"
            size="sm"
            onClick={() => (setMessage(null), setDismissOpen(true))}
            disabled={pending}
          >
            {t("dismissOpen")}
          </Button>
          <ReasonDialog
            open={dismissOpen}
            title={t("dismissTitle")}
            hint={t("dismissHint")}
            submitLabel={t("dismiss")}
            danger
            error={errors.reason}
            message={message}
            pending={pending}
            onCancel={() => setDismissOpen(false)}
            onSubmit={(reason) =>
              runAction(
                () =>
                  dismissClaimWithReason({
                    claimId: claim.id,
                    version: claim.version,
                    reason,
                    duplicateOf,
                  }),
                { success: t("dismissed"), onSuccess: () => setDismissOpen(false) },
              )
            }
          >
            <Field label={t("duplicateOf")} hint={t("duplicateOfHint")} error={errors.duplicateOf}>
              <Input value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} />
            </Field>
          </ReasonDialog>
        </section>
      )}
    </div>
  );
}
