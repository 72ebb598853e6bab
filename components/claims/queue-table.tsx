"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useSyncExternalStore } from "react";
import {
  assignSelectedClaims,
  dismissSelectedClaims,
  linkAsDuplicate,
  setClaimsReviewMode,
  takeSelectedClaims,
} from "@/app/(app)/claims/actions";
import { Highlighted } from "@/components/claims/highlighted";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { useActionRunner } from "@/components/ui/use-action";
import { useShortcuts } from "@/components/ui/use-shortcuts";
import { ShortcutHelp } from "@/components/claims/shortcut-help";
import { QUEUE_SHORTCUTS } from "@/lib/domain/shortcuts";
import { CLAIM_STATE_LABELS, CLAIM_STATE_TONES, type ClaimState } from "@/lib/domain/claims";

export interface QueueRow {
  id: string;
  text: string;
  /** A search snippet with \u0001…\u0002 around matched words. */
  headline: string | null;
  /** An approved claim this one closely matches. */
  checkedBefore: { id: string; verdict: string | null; score: number } | null;
  state: ClaimState;
  version: number;
  checkworthiness: number;
  age: string;
  overdue: boolean;
  article: { id: string; title: string } | null;
  speaker: string | null;
  assignee: string | null;
  verdict: string | null;
  /** For a claim needing two independent reviews: how many reviewers have taken it. */
  doubleReview: { taken: number } | null;
}

/** New, or needing two reviews and still short of its second reviewer. */
const takeable = (row: QueueRow) =>
  row.state === "NEW" ||
  (row.state === "IN_REVIEW" && row.doubleReview !== null && row.doubleReview.taken < 2);

export function QueueTable({
  rows,
  canAssign,
  assignees,
  showArticle = true,
}: {
  rows: QueueRow[];
  canAssign: boolean;
  /** Off when the queue shows one article's claims: its title is above the table. */
  showArticle?: boolean;
  assignees: Array<{ id: string; name: string }>;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const [dialog, setDialog] = useState<"assign" | "dismiss" | "help" | null>(null);
  const [assignee, setAssignee] = useState(assignees[0]?.id ?? "");
  const [dueAt, setDueAt] = useState("");
  const { run, pending, message, setMessage } = useActionRunner();
  const rowRefs = useRef<Array<HTMLTableRowElement | null>>([]);
  // True once hydrated, i.e. once the keyboard handlers are live.
  const ready = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );

  const refs = (ids: Iterable<string>) =>
    [...ids].flatMap((id) => {
      const row = rows.find((r) => r.id === id);
      return row ? [{ id: row.id, version: row.version }] : [];
    });
  /** After a bulk action: nothing selected, no dialog. */
  const done = { onSuccess: () => (setSelected(new Set()), setDialog(null)) };
  const toggle = (id: string) =>
    setSelected((s) => {
      const copy = new Set(s);
      if (copy.has(id)) copy.delete(id);
      else copy.add(id);
      return copy;
    });
  const take = (ids: Iterable<string>) =>
    run(() => takeSelectedClaims({ claims: refs(ids) }), {
      ...done,
      success: ({ taken }) =>
        taken === 1 ? "Claim taken: it is yours to review." : `Took ${taken} claims.`,
    });

  const move = (by: number) => (event: KeyboardEvent) => {
    event.preventDefault();
    const next = Math.min(rows.length - 1, Math.max(0, active + by));
    setActive(next);
    rowRefs.current[next]?.focus();
  };
  const open = (event: KeyboardEvent, target: HTMLElement) => {
    const row = rows[active];
    if (!row || target.tagName === "A" || target.tagName === "BUTTON") return;
    event.preventDefault();
    router.push(`/claims/${row.id}`);
  };
  useShortcuts({
    j: move(1),
    k: move(-1),
    e: open,
    Enter: open,
    x: (event) => {
      const row = rows[active];
      if (!row) return;
      event.preventDefault();
      toggle(row.id);
    },
    t: (event) => {
      const row = rows[active];
      if (!row || !takeable(row)) return;
      event.preventDefault();
      void take([row.id]);
    },
    "?": (event) => {
      event.preventDefault();
      setDialog("help");
    },
  });

  const allSelected = rows.length > 0 && selected.size === rows.length;
  return (
    <div className="space-y-3">
      <div
        className="flex min-h-10 flex-wrap items-center gap-2"
        role="toolbar"
        aria-label="Selected claims"
        data-ready={ready || undefined}
      >
        <span className="text-sm text-slate-700">{selected.size} selected</span>
        <Button
          size="sm"
          variant="secondary"
          disabled={pending || selected.size === 0}
          onClick={() => take(selected)}
        >
          Take
        </Button>
        {canAssign && (
          <>
            <Button
              size="sm"
              variant="secondary"
              disabled={pending || selected.size === 0}
              onClick={() => setDialog("assign")}
            >
              Assign…
            </Button>
            {[true, false].map((double) => (
              <Button
                key={String(double)}
                size="sm"
                variant="secondary"
                disabled={pending || selected.size === 0}
                onClick={() =>
                  run(() => setClaimsReviewMode({ claims: refs(selected), double }), {
                    ...done,
                    success: ({ changed }) =>
                      `${changed} ${changed === 1 ? "claim needs" : "claims need"} ${double ? "two independent reviews" : "one review"}.`,
                  })
                }
              >
                {double ? "Two reviews" : "One review"}
              </Button>
            ))}
          </>
        )}
        <Button
          size="sm"
          variant="secondary"
          disabled={pending || selected.size === 0}
          onClick={() => (setMessage(null), setDialog("dismiss"))}
        >
          Dismiss…
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setDialog("help")}
          aria-label="Keyboard shortcuts"
        >
          ?
        </Button>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Table caption="Claims queue">
        <TableHead
          columns={[
            {
              label: (
                <input
                  type="checkbox"
                  aria-label="Select all claims on this page"
                  checked={allSelected}
                  onChange={() =>
                    setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))
                  }
                />
              ),
            },
            "Claim",
            "Speaker",
            ...(showArticle ? ["Article"] : []),
            "State",
            "Verdict",
            "Assignee",
            { label: "Score", className: "text-right" },
            { label: "Age", className: "text-right" },
            "",
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 && (
            <EmptyRow colSpan={showArticle ? 10 : 9}>No claims match this view.</EmptyRow>
          )}
          {rows.map((row, index) => (
            <tr
              key={row.id}
              ref={(el) => {
                rowRefs.current[index] = el;
              }}
              tabIndex={-1}
              data-testid="queue-row"
              data-claim-id={row.id}
              aria-selected={index === active}
              onFocus={() => setActive(index)}
              className={index === active ? "bg-brand-50/60 outline-none" : undefined}
            >
              <Td>
                <input
                  type="checkbox"
                  aria-label={`Select claim: ${row.text.slice(0, 60)}`}
                  checked={selected.has(row.id)}
                  onChange={() => toggle(row.id)}
                />
              </Td>
              <Td className="max-w-md">
                <Link className="text-slate-900 hover:underline" href={`/claims/${row.id}`}>
                  {row.headline ? (
                    <Highlighted text={row.headline} />
                  ) : row.text.length > 180 ? (
                    `${row.text.slice(0, 180)}…`
                  ) : (
                    row.text
                  )}
                </Link>
                {row.checkedBefore && (
                  <div
                    className="mt-1 flex flex-wrap items-center gap-2"
                    data-testid="checked-before"
                  >
                    <Link href={`/claims/${row.checkedBefore.id}`}>
                      <Badge tone="warning">
                        Checked before: {row.checkedBefore.verdict ?? "approved"}
                      </Badge>
                    </Link>
                    {(row.state === "NEW" || row.state === "IN_REVIEW") && (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={pending}
                        onClick={() =>
                          run(
                            () =>
                              linkAsDuplicate({
                                claimId: row.id,
                                version: row.version,
                                duplicateOf: row.checkedBefore!.id,
                              }),
                            { success: "Dismissed as a duplicate of the approved claim." },
                          )
                        }
                      >
                        Link as duplicate
                      </Button>
                    )}
                  </div>
                )}
              </Td>
              <Td>{row.speaker ?? "—"}</Td>
              {showArticle && (
                <Td className="max-w-48">
                  {row.article ? (
                    <Link
                      className="line-clamp-2 text-brand-700 underline"
                      href={`/articles/${row.article.id}`}
                    >
                      {row.article.title}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
              )}
              <Td>
                <div className="flex flex-col items-start gap-1">
                  <Badge tone={CLAIM_STATE_TONES[row.state]}>{CLAIM_STATE_LABELS[row.state]}</Badge>
                  {row.overdue && <Badge tone="danger">Overdue</Badge>}
                  {row.doubleReview && (
                    <Badge tone="info">
                      Two reviews
                      {row.state === "IN_REVIEW" ? ` (${row.doubleReview.taken} of 2 taken)` : ""}
                    </Badge>
                  )}
                </div>
              </Td>
              <Td>{row.verdict ?? "—"}</Td>
              <Td>{row.assignee ?? "Unassigned"}</Td>
              <Td className="text-right tabular-nums">{row.checkworthiness.toFixed(2)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{row.age}</Td>
              <Td>
                {takeable(row) && (
                  <Button size="sm" disabled={pending} onClick={() => take([row.id])}>
                    Take
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>

      <Dialog
        open={dialog === "assign"}
        title={`Assign ${selected.size} claims`}
        onClose={() => setDialog(null)}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => assignSelectedClaims({ claims: refs(selected), assigneeId: assignee, dueAt }),
              { ...done, success: ({ assigned }) => `Assigned ${assigned} claims.` },
            );
          }}
        >
          <Field label="Reviewer">
            <Select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              {assignees.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Due date (optional)">
            <Input type="date" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
          </Field>
          <DialogActions onCancel={() => setDialog(null)} submitLabel="Assign" pending={pending} />
        </form>
      </Dialog>

      <ReasonDialog
        open={dialog === "dismiss"}
        title={`Dismiss ${selected.size} claims`}
        hint="Not a claim, not check-worthy, a duplicate…"
        submitLabel="Dismiss"
        danger
        message={message}
        pending={pending}
        onCancel={() => setDialog(null)}
        onSubmit={(reason) =>
          run(() => dismissSelectedClaims({ claims: refs(selected), reason }), {
            ...done,
            success: ({ dismissed }) => `Dismissed ${dismissed} claims.`,
          })
        }
      />

      <ShortcutHelp
        open={dialog === "help"}
        onClose={() => setDialog(null)}
        shortcuts={QUEUE_SHORTCUTS}
      />
    </div>
  );
}
