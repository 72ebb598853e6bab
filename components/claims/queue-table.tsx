"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
} from "react";
import {
  assignSelectedClaims,
  dismissSelectedClaims,
  linkAsDuplicate,
  takeSelectedClaims,
} from "@/app/(app)/claims/actions";
import { Highlighted } from "@/components/claims/highlighted";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { ShortcutHelp } from "@/components/claims/shortcut-help";
import { CLAIM_STATE_LABELS, CLAIM_STATE_TONES, type ClaimState } from "@/lib/domain/claims";
import type { ActionResult } from "@/lib/errors";

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
}

const SHORTCUTS: Array<[string, string]> = [
  ["j / k", "Next / previous claim"],
  ["Enter or e", "Open the claim to edit it"],
  ["x", "Select or unselect the claim"],
  ["t", "Take the claim (if new)"],
  ["?", "Show these shortcuts"],
];

export function QueueTable({
  rows,
  canAssign,
  assignees,
}: {
  rows: QueueRow[];
  canAssign: boolean;
  assignees: Array<{ id: string; name: string }>;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [dialog, setDialog] = useState<"assign" | "dismiss" | "help" | null>(null);
  const [assignee, setAssignee] = useState(assignees[0]?.id ?? "");
  const [dueAt, setDueAt] = useState("");
  const [reason, setReason] = useState("");
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

  const act = useCallback(
    (work: () => Promise<ActionResult<unknown>>, success: string) => {
      startTransition(async () => {
        const result = await work();
        if (result.ok) {
          setMessage({ tone: "success", text: success });
          setSelected(new Set());
          setDialog(null);
          router.refresh();
        } else setMessage({ tone: "error", text: result.message });
      });
    },
    [router],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target.closest("input, textarea, select, dialog[open]")) return;
      const row = rows[active];
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        const next = Math.min(rows.length - 1, Math.max(0, active + (event.key === "j" ? 1 : -1)));
        setActive(next);
        rowRefs.current[next]?.focus();
      } else if (
        (event.key === "e" || event.key === "Enter") &&
        row &&
        target.tagName !== "A" &&
        target.tagName !== "BUTTON"
      ) {
        event.preventDefault();
        router.push(`/claims/${row.id}`);
      } else if (event.key === "x" && row) {
        event.preventDefault();
        setSelected((s) => {
          const copy = new Set(s);
          if (copy.has(row.id)) copy.delete(row.id);
          else copy.add(row.id);
          return copy;
        });
      } else if (event.key === "t" && row?.state === "NEW") {
        event.preventDefault();
        act(
          () => takeSelectedClaims({ claims: refs([row.id]) }),
          "Claim taken: it is yours to review.",
        );
      } else if (event.key === "?") {
        event.preventDefault();
        setDialog("help");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
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
          onClick={() =>
            act(
              () => takeSelectedClaims({ claims: refs(selected) }),
              `Took ${selected.size} claims.`,
            )
          }
        >
          Take
        </Button>
        {canAssign && (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending || selected.size === 0}
            onClick={() => setDialog("assign")}
          >
            Assign…
          </Button>
        )}
        <Button
          size="sm"
          variant="secondary"
          disabled={pending || selected.size === 0}
          onClick={() => setDialog("dismiss")}
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
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Claims queue</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all claims on this page"
                  checked={allSelected}
                  onChange={() =>
                    setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))
                  }
                />
              </th>
              <th scope="col" className="px-3 py-2">
                Claim
              </th>
              <th scope="col" className="px-3 py-2">
                Speaker
              </th>
              <th scope="col" className="px-3 py-2">
                Article
              </th>
              <th scope="col" className="px-3 py-2">
                State
              </th>
              <th scope="col" className="px-3 py-2">
                Verdict
              </th>
              <th scope="col" className="px-3 py-2">
                Assignee
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Score
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Age
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 && (
              <tr>
                <td colSpan={10} className="px-3 py-8 text-center text-slate-600">
                  No claims match this view.
                </td>
              </tr>
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
                <td className="px-3 py-2 align-top">
                  <input
                    type="checkbox"
                    aria-label={`Select claim: ${row.text.slice(0, 60)}`}
                    checked={selected.has(row.id)}
                    onChange={() =>
                      setSelected((s) => {
                        const copy = new Set(s);
                        if (copy.has(row.id)) copy.delete(row.id);
                        else copy.add(row.id);
                        return copy;
                      })
                    }
                  />
                </td>
                <td className="max-w-md px-3 py-2 align-top">
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
                            act(
                              () =>
                                linkAsDuplicate({
                                  claimId: row.id,
                                  version: row.version,
                                  duplicateOf: row.checkedBefore!.id,
                                }),
                              "Dismissed as a duplicate of the approved claim.",
                            )
                          }
                        >
                          Link as duplicate
                        </Button>
                      )}
                    </div>
                  )}
                </td>
                <td className="px-3 py-2 align-top">{row.speaker ?? "—"}</td>
                <td className="max-w-48 px-3 py-2 align-top">
                  {row.article ? (
                    <Link className="text-brand-700 underline" href={`/articles/${row.article.id}`}>
                      {row.article.title}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2 align-top">
                  <div className="flex flex-col items-start gap-1">
                    <Badge tone={CLAIM_STATE_TONES[row.state]}>
                      {CLAIM_STATE_LABELS[row.state]}
                    </Badge>
                    {row.overdue && <Badge tone="danger">Overdue</Badge>}
                  </div>
                </td>
                <td className="px-3 py-2 align-top">{row.verdict ?? "—"}</td>
                <td className="px-3 py-2 align-top">{row.assignee ?? "Unassigned"}</td>
                <td className="px-3 py-2 text-right align-top tabular-nums">
                  {row.checkworthiness.toFixed(2)}
                </td>
                <td className="px-3 py-2 text-right align-top whitespace-nowrap tabular-nums">
                  {row.age}
                </td>
                <td className="px-3 py-2 align-top">
                  {row.state === "NEW" && (
                    <Button
                      size="sm"
                      disabled={pending}
                      onClick={() =>
                        act(
                          () => takeSelectedClaims({ claims: refs([row.id]) }),
                          "Claim taken: it is yours to review.",
                        )
                      }
                    >
                      Take
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Dialog
        open={dialog === "assign"}
        title={`Assign ${selected.size} claims`}
        onClose={() => setDialog(null)}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            act(
              () => assignSelectedClaims({ claims: refs(selected), assigneeId: assignee, dueAt }),
              `Assigned ${selected.size} claims.`,
            );
          }}
        >
          <Field label="Reviewer">
            {({ id }) => (
              <Select id={id} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                {assignees.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Due date (optional)">
            {({ id }) => (
              <Input id={id} type="date" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
            )}
          </Field>
          <DialogActions onCancel={() => setDialog(null)} submitLabel="Assign" pending={pending} />
        </form>
      </Dialog>

      <Dialog
        open={dialog === "dismiss"}
        title={`Dismiss ${selected.size} claims`}
        onClose={() => setDialog(null)}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            act(
              () => dismissSelectedClaims({ claims: refs(selected), reason }),
              `Dismissed ${selected.size} claims.`,
            );
          }}
        >
          <Field label="Reason" hint="Not a claim, not check-worthy, a duplicate…">
            {({ id, describedBy }) => (
              <Textarea
                id={id}
                rows={3}
                required
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <DialogActions
            onCancel={() => setDialog(null)}
            submitLabel="Dismiss"
            pending={pending}
            danger
          />
        </form>
      </Dialog>

      <ShortcutHelp
        open={dialog === "help"}
        onClose={() => setDialog(null)}
        shortcuts={SHORTCUTS}
      />
    </div>
  );
}
