"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { addClaimFromSelection } from "@/app/(app)/articles/[articleId]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import type { Segment } from "@/lib/domain/highlights";
import { selectionOffsets } from "./body-offset";

export function ArticleText({
  articleId,
  body,
  language,
  segments,
  claimTexts,
}: {
  articleId: string;
  body: string;
  /** The article's language tag: read aloud in it, and laid out right to left where it is written so. */
  language: string;
  segments: Segment[];
  claimTexts: Record<string, string>;
}) {
  const t = useTranslations("ArticleText");
  const container = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const { run, pending, message } = useAction(addClaimFromSelection, {
    success: t("added"),
    onSuccess: () => {
      setSelection(null);
      window.getSelection()?.removeAllRanges();
    },
  });

  function readSelection() {
    setSelection(container.current ? selectionOffsets(container.current) : null);
  }

  function addClaim() {
    if (!selection) return;
    void run({ articleId, ...selection });
  }

  return (
    <div className="space-y-3">
      <div className="sticky top-0 z-10 flex min-h-10 flex-wrap items-center gap-3 rounded-md bg-slate-50/95 py-1">
        {selection ? (
          <>
            <Button size="sm" onClick={addClaim} disabled={pending}>
              {pending ? t("adding") : t("add")}
            </Button>
            <span className="truncate text-sm text-slate-700" data-testid="selection-preview">
              “{body.slice(selection.start, selection.end).slice(0, 120)}”
            </span>
          </>
        ) : (
          <span className="text-sm text-slate-600">{t("selectHint")}</span>
        )}
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
      </div>
      <div
        ref={container}
        onMouseUp={readSelection}
        onKeyUp={readSelection}
        data-testid="article-body"
        lang={language}
        dir="auto"
        className="rounded-lg bg-white p-6 leading-relaxed whitespace-pre-wrap shadow-sm ring-1 ring-slate-200"
      >
        {segments.map((segment) => {
          const text = body.slice(segment.start, segment.end);
          if (!segment.primary) {
            return (
              <span key={segment.start} data-start={segment.start}>
                {text}
              </span>
            );
          }
          return (
            <Link
              key={segment.start}
              href={`/claims/${segment.primary}`}
              data-start={segment.start}
              data-claim={segment.primary}
              title={claimTexts[segment.primary]?.slice(0, 200)}
              className={
                segment.claimIds.length > 1
                  ? "rounded-sm bg-amber-200/80 text-slate-900 underline decoration-amber-600/50 hover:bg-amber-300"
                  : "rounded-sm bg-amber-100 text-slate-900 underline decoration-amber-500/40 hover:bg-amber-200"
              }
            >
              {text}
            </Link>
          );
        })}
      </div>
    </div>
  );
}
