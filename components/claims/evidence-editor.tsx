"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";

export interface EvidenceValues {
  key: string;
  id?: string;
  url: string;
  archivedUrl: string;
  title: string;
  publisher: string;
  excerpt: string;
  stance: "" | "SUPPORTS" | "REFUTES" | "CONTEXT";
  sourceType: "" | "PRIMARY" | "SECONDARY";
}

let keySeed = 0;
export const newEvidence = (): EvidenceValues => ({
  key: `new-${++keySeed}`,
  url: "",
  archivedUrl: "",
  title: "",
  publisher: "",
  excerpt: "",
  stance: "",
  sourceType: "",
});

/**
 * The evidence list of a review, in order: each item's fields, moved up or down, removed,
 * or added. Errors come keyed as the server sends them ("evidence.2.url").
 */
export function EvidenceEditor({
  items,
  disabled,
  errors,
  onChange,
}: {
  items: EvidenceValues[];
  disabled: boolean;
  errors: Record<string, string>;
  onChange: (items: EvidenceValues[]) => void;
}) {
  const t = useTranslations("Evidence");
  const error = (index: number, key: string) => errors[`evidence.${index}.${key}`];
  const setEvidence = (index: number, patch: Partial<EvidenceValues>) =>
    onChange(items.map((e, i) => (i === index ? { ...e, ...patch } : e)));
  const moveEvidence = (index: number, delta: number) => {
    const list = [...items];
    const [item] = list.splice(index, 1);
    list.splice(index + delta, 0, item!);
    onChange(list);
  };
  return (
    <fieldset disabled={disabled} className="space-y-4">
      <legend className="text-sm font-semibold text-slate-800">{t("legend")}</legend>
      {errors.evidence && <Alert tone="error">{errors.evidence}</Alert>}
      {items.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      <ol className="space-y-4">
        {items.map((item, index) => (
          <li
            key={item.key}
            className="rounded-md p-3 ring-1 ring-slate-200"
            aria-label={t("item", { n: index + 1 })}
          >
            <div className="mb-2 flex items-center justify-between">
              <span className="text-sm font-medium text-slate-800">
                {t("item", { n: index + 1 })}
              </span>
              <div className="flex gap-1">
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={index === 0}
                  onClick={() => moveEvidence(index, -1)}
                  aria-label={t("moveUp", { n: index + 1 })}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={index === items.length - 1}
                  onClick={() => moveEvidence(index, 1)}
                  aria-label={t("moveDown", { n: index + 1 })}
                >
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange(items.filter((_, i) => i !== index))}
                  aria-label={t("removeItem", { n: index + 1 })}
                >
                  {t("remove")}
                </Button>
              </div>
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t("url")} required error={error(index, "url")}>
                <Input
                  type="url"
                  value={item.url}
                  onChange={(e) => setEvidence(index, { url: e.target.value })}
                />
              </Field>
              <Field label={t("archivedUrl")} error={error(index, "archivedUrl")}>
                <Input
                  type="url"
                  value={item.archivedUrl}
                  onChange={(e) => setEvidence(index, { archivedUrl: e.target.value })}
                />
              </Field>
              <Field label={t("title")} error={error(index, "title")}>
                <Input
                  value={item.title}
                  onChange={(e) => setEvidence(index, { title: e.target.value })}
                />
              </Field>
              <Field label={t("publisher")} error={error(index, "publisher")}>
                <Input
                  value={item.publisher}
                  onChange={(e) => setEvidence(index, { publisher: e.target.value })}
                />
              </Field>
              <Field label={t("stance")} required error={error(index, "stance")}>
                <Select
                  value={item.stance}
                  onChange={(e) =>
                    setEvidence(index, { stance: e.target.value as EvidenceValues["stance"] })
                  }
                >
                  <option value="">{t("choose")}</option>
                  <option value="SUPPORTS">{t("SUPPORTS")}</option>
                  <option value="REFUTES">{t("REFUTES")}</option>
                  <option value="CONTEXT">{t("CONTEXT")}</option>
                </Select>
              </Field>
              <Field label={t("sourceType")} required error={error(index, "sourceType")}>
                <Select
                  value={item.sourceType}
                  onChange={(e) =>
                    setEvidence(index, {
                      sourceType: e.target.value as EvidenceValues["sourceType"],
                    })
                  }
                >
                  <option value="">{t("choose")}</option>
                  <option value="PRIMARY">{t("PRIMARY")}</option>
                  <option value="SECONDARY">{t("SECONDARY")}</option>
                </Select>
              </Field>
            </div>
            <div className="mt-3">
              <Field label={t("excerpt")} error={error(index, "excerpt")}>
                <Textarea
                  rows={2}
                  value={item.excerpt}
                  onChange={(e) => setEvidence(index, { excerpt: e.target.value })}
                />
              </Field>
            </div>
          </li>
        ))}
      </ol>
      <Button variant="secondary" size="sm" onClick={() => onChange([...items, newEvidence()])}>
        {t("add")}
      </Button>
    </fieldset>
  );
}
