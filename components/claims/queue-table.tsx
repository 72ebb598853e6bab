"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, useSyncExternalStore } from "react";
import {
  assignSelectedClaims,
  dismissSelectedClaims,
  linkAsDuplicate,
  setClaimsReviewMode,
  takeSelectedClaims,
} from "@/app/(app)/claims/actions";
import { QueueTableRow, takeable, type QueueRow } from "@/components/claims/queue-row";
import { SelectionToolbar } from "@/components/claims/queue-toolbar";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { EmptyRow, Table, TableHead } from "@/components/ui/table";
import { useActionRunner } from "@/components/ui/use-action";
import { useShortcuts } from "@/components/ui/use-shortcuts";
import { ShortcutHelp } from "@/components/claims/shortcut-help";
import { QUEUE_SHORTCUTS } from "@/lib/domain/shortcuts";

export type { QueueRow };

/**
 * The claims queue: a page of claims to select, take, assign, put to one or two reviews or
 * dismiss, worked from the keyboard (j/k, e, x, t, ?).
 */
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
  const t = useTranslations("QueueTable");
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
      success: ({ taken }) => (taken === 1 ? t("takenOne") : t("taken", { count: taken })),
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
      <SelectionToolbar
        selected={selected.size}
        canAssign={canAssign}
        pending={pending}
        ready={ready}
        onTake={() => take(selected)}
        onAssign={() => setDialog("assign")}
        onReviewMode={(double) =>
          run(() => setClaimsReviewMode({ claims: refs(selected), double }), {
            ...done,
            success: ({ changed }) => t("reviewMode", { count: changed, double: String(double) }),
          })
        }
        onDismiss={() => (setMessage(null), setDialog("dismiss"))}
        onHelp={() => setDialog("help")}
      />
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Table caption={t("caption")}>
        <TableHead
          columns={[
            {
              label: (
                <input
                  type="checkbox"
                  aria-label={t("selectAll")}
                  checked={allSelected}
                  onChange={() =>
                    setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))
                  }
                />
              ),
            },
            t("claim"),
            t("speaker"),
            ...(showArticle ? [t("article")] : []),
            t("state"),
            t("verdict"),
            t("assignee"),
            { label: t("score"), className: "text-end" },
            { label: t("age"), className: "text-end" },
            "",
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 && <EmptyRow colSpan={showArticle ? 10 : 9}>{t("empty")}</EmptyRow>}
          {rows.map((row, index) => (
            <QueueTableRow
              key={row.id}
              row={row}
              active={index === active}
              selected={selected.has(row.id)}
              showArticle={showArticle}
              pending={pending}
              rowRef={(el) => {
                rowRefs.current[index] = el;
              }}
              onFocus={() => setActive(index)}
              onToggle={() => toggle(row.id)}
              onTake={() => take([row.id])}
              onLinkDuplicate={() =>
                run(
                  () =>
                    linkAsDuplicate({
                      claimId: row.id,
                      version: row.version,
                      duplicateOf: row.checkedBefore!.id,
                    }),
                  { success: t("linkedDuplicate") },
                )
              }
            />
          ))}
        </tbody>
      </Table>

      <Dialog
        open={dialog === "assign"}
        title={t("assignTitle", { count: selected.size })}
        onClose={() => setDialog(null)}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => assignSelectedClaims({ claims: refs(selected), assigneeId: assignee, dueAt }),
              { ...done, success: ({ assigned }) => t("assigned", { count: assigned }) },
            );
          }}
        >
          <Field label={t("reviewer")}>
            <Select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              {assignees.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("dueDate")}>
            <Input type="date" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
          </Field>
          <DialogActions
            onCancel={() => setDialog(null)}
            submitLabel={t("assign")}
            pending={pending}
          />
        </form>
      </Dialog>

      <ReasonDialog
        open={dialog === "dismiss"}
        title={t("dismissTitle", { count: selected.size })}
        hint={t("dismissHint")}
        submitLabel={t("dismiss")}
        danger
        message={message}
        pending={pending}
        onCancel={() => setDialog(null)}
        onSubmit={(reason) =>
          run(() => dismissSelectedClaims({ claims: refs(selected), reason }), {
            ...done,
            success: ({ dismissed }) => t("dismissed", { count: dismissed }),
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
