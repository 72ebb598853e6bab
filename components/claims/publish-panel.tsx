"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { publishClaimAction, unpublishClaimAction } from "@/app/(app)/claims/[claimId]/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useAction } from "@/components/ui/use-action";
import type { ChecklistItem } from "@/lib/domain/publishing";
import { SHORT_CLAIM_LIMIT } from "@/lib/domain/export/claim-review";

export interface PublicationView {
  slug: string;
  status: "PUBLISHED" | "UNDER_REVIEW" | "UNPUBLISHED";
  headline: string;
  summary: string | null;
  publishedAt: string;
  url: string;
  embedUrl: string;
}

const STATUS_TONES: Record<PublicationView["status"], "success" | "warning" | "neutral"> = {
  PUBLISHED: "success",
  UNDER_REVIEW: "warning",
  UNPUBLISHED: "neutral",
};

/**
 * Publishing, for editors: the pre-publish checklist (what aggregators and the IFCN code
 * ask, each item met or why not), the page's headline and summary, a correction note when
 * the verdict or rationale changed since the page was published, and once published the
 * page's address, an embed snippet and Unpublish.
 */
export function PublishPanel({
  claimId,
  version,
  canPublish,
  checklist,
  suggestedHeadline,
  correctionDue,
  publication,
}: {
  claimId: string;
  version: number;
  /** The claim is approved: it may be published (again). */
  canPublish: boolean;
  checklist: ChecklistItem[];
  suggestedHeadline: string;
  correctionDue: boolean;
  publication: PublicationView | null;
}) {
  const t = useTranslations("Publish");
  const [unpublishing, setUnpublishing] = useState(false);
  const publish = useAction(publishClaimAction, {
    success: publication ? t("publishedAgain") : t("published"),
  });
  const unpublish = useAction(unpublishClaimAction, {
    success: t("withdrawn"),
    onSuccess: () => setUnpublishing(false),
  });
  const ready = checklist.every((item) => item.ok);
  const embed = publication
    ? `<iframe src="${publication.embedUrl}" title="${t("embedTitle")}: ${publication.headline.replace(/"/g, "&quot;")}" width="560" height="220" style="border:0" loading="lazy"></iframe>`
    : "";
  return (
    <div className="space-y-4">
      {publication && (
        <div className="space-y-2">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={STATUS_TONES[publication.status]}>
              {t(`status.${publication.status}`)}
            </Badge>
            <a className="text-brand-700 underline" href={publication.url}>
              {publication.url}
            </a>
          </p>
          {publication.status !== "UNPUBLISHED" && (
            <Field label={t("embed")} hint={t("embedHint")}>
              <Textarea readOnly rows={3} value={embed} onFocus={(e) => e.currentTarget.select()} />
            </Field>
          )}
          {publication.status !== "UNPUBLISHED" && (
            <p>
              <CopyButton text={embed} what={t("snippet")} />
            </p>
          )}
        </div>
      )}

      {canPublish && (
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            void publish.run({
              claimId,
              version,
              headline: String(form.get("headline") ?? ""),
              summary: String(form.get("summary") ?? ""),
              correction: String(form.get("correction") ?? ""),
            });
          }}
        >
          <div>
            <h3 className="text-sm font-semibold text-slate-800">{t("before")}</h3>
            <ul className="mt-1 space-y-1 text-sm" aria-label={t("checklist")}>
              {checklist.map((item) => (
                <li key={item.key} className={item.ok ? "text-green-800" : "text-red-800"}>
                  <span aria-hidden>{item.ok ? "✓" : "✗"}</span>{" "}
                  <span className="sr-only">{item.ok ? t("done") : t("missing")}</span>{" "}
                  {t(`item.${item.key}`, { limit: SHORT_CLAIM_LIMIT })}
                  {!item.ok && (
                    <span className="block ps-5 text-red-800">
                      {item.detail?.length !== undefined
                        ? t("problem.shortTextLong", {
                            length: item.detail.length,
                            limit: SHORT_CLAIM_LIMIT,
                          })
                        : item.detail?.verdict !== undefined
                          ? t("problem.verdictRetired", { verdict: item.detail.verdict })
                          : t(`problem.${item.key}`)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
          <Field label={t("headline")} error={publish.fieldErrors.headline} required>
            <Input name="headline" defaultValue={publication?.headline ?? suggestedHeadline} />
          </Field>
          <Field label={t("summary")} hint={t("summaryHint")} error={publish.fieldErrors.summary}>
            <Textarea name="summary" rows={5} defaultValue={publication?.summary ?? ""} />
          </Field>
          {correctionDue && (
            <Field
              label={t("correction")}
              hint={t("correctionHint")}
              error={publish.fieldErrors.correction}
              required
            >
              <Textarea name="correction" rows={3} />
            </Field>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={publish.pending || !ready}>
              {publication ? t("publishAgain") : t("publish")}
            </Button>
            {!ready && <span className="text-sm text-slate-600">{t("completeChecklist")}</span>}
          </div>
        </form>
      )}

      {publication && publication.status !== "UNPUBLISHED" && (
        <Button
          variant="secondary"
          disabled={unpublish.pending}
          onClick={() => (unpublish.setMessage(null), setUnpublishing(true))}
        >
          {t("unpublishOpen")}
        </Button>
      )}
      {(publish.message ?? unpublish.message) && (
        <Alert tone={(publish.message ?? unpublish.message)!.tone}>
          {(publish.message ?? unpublish.message)!.text}
        </Alert>
      )}
      <ReasonDialog
        open={unpublishing}
        title={t("unpublishTitle")}
        hint={t("unpublishHint")}
        submitLabel={t("unpublish")}
        danger
        message={unpublish.message}
        pending={unpublish.pending}
        onCancel={() => setUnpublishing(false)}
        onSubmit={(reason) => unpublish.run({ claimId, version, reason })}
      />
    </div>
  );
}
