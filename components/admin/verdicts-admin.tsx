"use client";

import { useState } from "react";
import {
  createVerdictAction,
  deleteVerdictAction,
  moveVerdictAction,
  retireVerdictAction,
  updateVerdictAction,
} from "@/app/(app)/admin/actions";
import { Alert } from "@/components/ui/alert";
import { useActionRunner } from "@/components/ui/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableHead } from "@/components/ui/table";
import { Field, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/errors";

interface VerdictRow {
  id: string;
  key: string;
  label: string;
  ratingValue: number;
  description: string | null;
  retired: boolean;
  uses: number;
}

const CELL = "rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset";

export function VerdictsAdmin({ verdicts }: { verdicts: VerdictRow[] }) {
  const { run: runAction, pending, message } = useActionRunner();
  const [edits, setEdits] = useState<Record<string, { label: string; ratingValue: string }>>({});
  const [form, setForm] = useState({ key: "", label: "", ratingValue: "3", description: "" });
  const run = (work: () => Promise<ActionResult<unknown>>, success: string, after?: () => void) =>
    void runAction(work, { success, onSuccess: after });

  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Table caption="Verdict vocabulary">
        <TableHead columns={["Order", "Label", "Key", "Rating value", "Used", ""]} />
        <tbody className="divide-y divide-slate-100">
          {verdicts.map((v, i) => {
            const edit = edits[v.id] ?? { label: v.label, ratingValue: String(v.ratingValue) };
            const changed = edit.label !== v.label || edit.ratingValue !== String(v.ratingValue);
            return (
              <tr key={v.id} data-testid="verdict-row" data-key={v.key}>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending || i === 0}
                    aria-label={`Move ${v.label} up`}
                    onClick={() =>
                      run(
                        () => moveVerdictAction({ verdictId: v.id, direction: "up" }),
                        "Order saved.",
                      )
                    }
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending || i === verdicts.length - 1}
                    aria-label={`Move ${v.label} down`}
                    onClick={() =>
                      run(
                        () => moveVerdictAction({ verdictId: v.id, direction: "down" }),
                        "Order saved.",
                      )
                    }
                  >
                    ↓
                  </Button>
                </td>
                <td className="px-3 py-2">
                  <input
                    aria-label={`Label of ${v.key}`}
                    className={CELL}
                    value={edit.label}
                    onChange={(e) =>
                      setEdits({ ...edits, [v.id]: { ...edit, label: e.target.value } })
                    }
                  />
                  {v.retired && (
                    <span className="ml-2">
                      <Badge>Retired</Badge>
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{v.key}</td>
                <td className="px-3 py-2">
                  <input
                    aria-label={`Rating value of ${v.key}`}
                    type="number"
                    min={0}
                    max={5}
                    className={`${CELL} w-20`}
                    value={edit.ratingValue}
                    onChange={(e) =>
                      setEdits({ ...edits, [v.id]: { ...edit, ratingValue: e.target.value } })
                    }
                  />
                </td>
                <td className="px-3 py-2 tabular-nums">{v.uses}</td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-2">
                    {changed && (
                      <Button
                        size="sm"
                        disabled={pending}
                        onClick={() =>
                          run(
                            () =>
                              updateVerdictAction({
                                verdictId: v.id,
                                label: edit.label,
                                ratingValue: edit.ratingValue,
                                description: v.description ?? "",
                              }),
                            `Saved ${edit.label}.`,
                          )
                        }
                      >
                        Save
                      </Button>
                    )}
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending}
                      onClick={() =>
                        run(
                          () => retireVerdictAction({ verdictId: v.id, retired: !v.retired }),
                          v.retired ? "Restored." : "Retired.",
                        )
                      }
                    >
                      {v.retired ? "Restore" : "Retire"}
                    </Button>
                    {v.uses === 0 && (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={pending}
                        onClick={() =>
                          run(() => deleteVerdictAction({ verdictId: v.id }), "Deleted.")
                        }
                      >
                        Delete
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <form
        aria-label="New verdict"
        className="grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-5"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => createVerdictAction(form),
            `Added ${form.label}.`,
            () => setForm({ key: "", label: "", ratingValue: "3", description: "" }),
          );
        }}
      >
        <Field label="Label" required>
          <Input value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} />
        </Field>
        <Field label="Key" hint="e.g. half-true" required>
          <Input value={form.key} onChange={(e) => setForm({ ...form, key: e.target.value })} />
        </Field>
        <Field label="Rating value" hint="ClaimReview: 1 worst … 5 best, 0 none" required>
          <Input
            type="number"
            min={0}
            max={5}
            value={form.ratingValue}
            onChange={(e) => setForm({ ...form, ratingValue: e.target.value })}
          />
        </Field>
        <Field label="Description">
          <Input
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          Add verdict
        </Button>
      </form>
    </div>
  );
}
