"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { addClaimFromSelection } from "@/app/(app)/articles/[articleId]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import type { Segment } from "@/lib/domain/highlights";

/** Offset in the article body of a DOM position inside the rendered text. */
function bodyOffset(container: HTMLElement, node: Node, offset: number): number | null {
  let element: Node | null = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
  while (
    element &&
    element !== container &&
    !(element instanceof HTMLElement && element.dataset.start)
  ) {
    element = element.parentNode;
  }
  if (!(element instanceof HTMLElement) || !element.dataset.start) return null;
  const range = document.createRange();
  range.setStart(element, 0);
  range.setEnd(node, offset);
  return Number(element.dataset.start) + range.toString().length;
}

export function ArticleText({
  articleId,
  body,
  segments,
  claimTexts,
}: {
  articleId: string;
  body: string;
  segments: Segment[];
  claimTexts: Record<string, string>;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const { run, pending, message } = useAction(addClaimFromSelection, {
    success: "Claim added.",
    onSuccess: () => {
      setSelection(null);
      window.getSelection()?.removeAllRanges();
    },
  });

  function readSelection() {
    const sel = window.getSelection();
    const root = container.current;
    if (!sel || sel.isCollapsed || !root || sel.rangeCount === 0) return setSelection(null);
    const range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer))
      return setSelection(null);
    const start = bodyOffset(root, range.startContainer, range.startOffset);
    const end = bodyOffset(root, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return setSelection(null);
    setSelection({ start, end });
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
              {pending ? "Adding…" : "Add claim from selection"}
            </Button>
            <span className="truncate text-sm text-slate-700" data-testid="selection-preview">
              “{body.slice(selection.start, selection.end).slice(0, 120)}”
            </span>
          </>
        ) : (
          <span className="text-sm text-slate-600">
            Select text in the article to add it as a claim.
          </span>
        )}
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
      </div>
      <div
        ref={container}
        onMouseUp={readSelection}
        onKeyUp={readSelection}
        data-testid="article-body"
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
