"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("Verdicts");
  const { run: runAction, pending, message } = useActionRunner();
  const [edits, setEdits] = useState<Record<string, { label: string; ratingValue: string }>>({});
  const [form, setForm] = useState({ key: "", label: "", ratingValue: "3", description: "" });
  const run = (work: () => Promise<ActionResult<unknown>>, success: string, after?: () => void) =>
    void runAction(work, { success, onSuccess: after });

  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Table caption={t("caption")}>
        <TableHead columns={[t("order"), t("label"), t("key"), t("ratingValue"), t("used"), ""]} />
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
                    aria-label={t("moveUp", { label: v.label })}
                    onClick={() =>
                      run(
                        () => moveVerdictAction({ verdictId: v.id, direction: "up" }),
                        t("orderSaved"),
                      )
                    }
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending || i === verdicts.length - 1}
                    aria-label={t("moveDown", { label: v.label })}
                    onClick={() =>
                      run(
                        () => moveVerdictAction({ verdictId: v.id, direction: "down" }),
                        t("orderSaved"),
                      )
                    }
                  >
                    ↓
                  </Button>
                </td>
                <td className="px-3 py-2">
                  <input
                    aria-label={t("labelOf", { key: v.key })}
                    className={CELL}
                    value={edit.label}
                    onChange={(e) =>
                      setEdits({ ...edits, [v.id]: { ...edit, label: e.target.value } })
                    }
                  />
                  {v.retired && (
                    <span className="ms-2">
                      <Badge>{t("retiredBadge")}</Badge>
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{v.key}</td>
                <td className="px-3 py-2">
                  <input
                    aria-label={t("ratingValueOf", { key: v.key })}
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
                            t("saved", { label: edit.label }),
                          )
                        }
                      >
                        {t("save")}
                      </Button>
                    )}
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending}
                      onClick={() =>
                        run(
                          () => retireVerdictAction({ verdictId: v.id, retired: !v.retired }),
                          v.retired ? t("restored") : t("retired"),
                        )
                      }
                    >
                      {v.retired ? t("restore") : t("retire")}
                    </Button>
                    {v.uses === 0 && (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={pending}
                        onClick={() =>
                          run(() => deleteVerdictAction({ verdictId: v.id }), t("deleted"))
                        }
                      >
                        {t("delete")}
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
        aria-label={t("newVerdict")}
        className="grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-5"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => createVerdictAction(form),
            t("added", { label: form.label }),
            () => setForm({ key: "", label: "", ratingValue: "3", description: "" }),
          );
        }}
      >
        <Field label={t("label")} required>
          <Input value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} />
        </Field>
        <Field label={t("key")} hint={t("keyHint")} required>
          <Input value={form.key} onChange={(e) => setForm({ ...form, key: e.target.value })} />
        </Field>
        <Field label={t("ratingValue")} hint={t("ratingValueHint")} required>
          <Input
            type="number"
            min={0}
            max={5}
            value={form.ratingValue}
            onChange={(e) => setForm({ ...form, ratingValue: e.target.value })}
          />
        </Field>
        <Field label={t("description")}>
          <Input
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {t("add")}
        </Button>
      </form>
    </div>
  );
}
