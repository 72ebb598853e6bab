"use client";

import { useState } from "react";
import { publishClaimAction, unpublishClaimAction } from "@/app/(app)/claims/[claimId]/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useAction } from "@/components/ui/use-action";
import type { ChecklistItem } from "@/lib/domain/publishing";

export interface PublicationView {
  slug: string;
  status: "PUBLISHED" | "UNDER_REVIEW" | "UNPUBLISHED";
  headline: string;
  summary: string | null;
  publishedAt: string;
  url: string;
  embedUrl: string;
}

const STATUS: Record<
  PublicationView["status"],
  { label: string; tone: "success" | "warning" | "neutral" }
> = {
  PUBLISHED: { label: "Published", tone: "success" },
  UNDER_REVIEW: { label: "Public page says: under review", tone: "warning" },
  UNPUBLISHED: { label: "Withdrawn (its address answers 410)", tone: "neutral" },
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
  const [unpublishing, setUnpublishing] = useState(false);
  const publish = useAction(publishClaimAction, {
    success: publication ? "Published again: the public page shows it." : "Published.",
  });
  const unpublish = useAction(unpublishClaimAction, {
    success: "Withdrawn: its address now says so.",
    onSuccess: () => setUnpublishing(false),
  });
  const ready = checklist.every((item) => item.ok);
  const embed = publication
    ? `<iframe src="${publication.embedUrl}" title="Fact-check: ${publication.headline.replace(/"/g, "&quot;")}" width="560" height="220" style="border:0" loading="lazy"></iframe>`
    : "";
  return (
    <div className="space-y-4">
      {publication && (
        <div className="space-y-2">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={STATUS[publication.status].tone}>{STATUS[publication.status].label}</Badge>
            <a className="text-brand-700 underline" href={publication.url}>
              {publication.url}
            </a>
          </p>
          {publication.status !== "UNPUBLISHED" && (
            <Field
              label="Embed on another site"
              hint="A compact card of this fact-check, in an iframe."
            >
              <Textarea readOnly rows={3} value={embed} onFocus={(e) => e.currentTarget.select()} />
            </Field>
          )}
          {publication.status !== "UNPUBLISHED" && (
            <p>
              <CopyButton text={embed} what="the snippet" />
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
            <h3 className="text-sm font-semibold text-slate-800">Before publishing</h3>
            <ul className="mt-1 space-y-1 text-sm" aria-label="Pre-publish checklist">
              {checklist.map((item) => (
                <li key={item.key} className={item.ok ? "text-green-800" : "text-red-800"}>
                  <span aria-hidden>{item.ok ? "✓" : "✗"}</span>{" "}
                  <span className="sr-only">{item.ok ? "Done:" : "Missing:"}</span> {item.label}
                  {!item.ok && item.problem && (
                    <span className="block pl-5 text-red-800">{item.problem}</span>
                  )}
                </li>
              ))}
            </ul>
          </div>
          <Field label="Headline" error={publish.fieldErrors.headline} required>
            <Input name="headline" defaultValue={publication?.headline ?? suggestedHeadline} />
          </Field>
          <Field
            label="Summary (optional)"
            hint="Markdown: paragraphs, lists, links and emphasis; HTML is shown as text."
            error={publish.fieldErrors.summary}
          >
            <Textarea name="summary" rows={5} defaultValue={publication?.summary ?? ""} />
          </Field>
          {correctionDue && (
            <Field
              label="Correction note"
              hint="The verdict or the rationale differ from the published ones: readers see this note, dated, on the page and in the corrections log."
              error={publish.fieldErrors.correction}
              required
            >
              <Textarea name="correction" rows={3} />
            </Field>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={publish.pending || !ready}>
              {publication ? "Publish again" : "Publish"}
            </Button>
            {!ready && (
              <span className="text-sm text-slate-600">Complete the checklist to publish.</span>
            )}
          </div>
        </form>
      )}

      {publication && publication.status !== "UNPUBLISHED" && (
        <Button
          variant="secondary"
          disabled={unpublish.pending}
          onClick={() => (unpublish.setMessage(null), setUnpublishing(true))}
        >
          Unpublish…
        </Button>
      )}
      {(publish.message ?? unpublish.message) && (
        <Alert tone={(publish.message ?? unpublish.message)!.tone}>
          {(publish.message ?? unpublish.message)!.text}
        </Alert>
      )}
      <ReasonDialog
        open={unpublishing}
        title="Withdraw this fact-check"
        hint="Why it is withdrawn; kept in the history. Its address will say it was withdrawn."
        submitLabel="Unpublish"
        danger
        message={unpublish.message}
        pending={unpublish.pending}
        onCancel={() => setUnpublishing(false)}
        onSubmit={(reason) => unpublish.run({ claimId, version, reason })}
      />
    </div>
  );
}
