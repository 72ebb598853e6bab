"use client";

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
      <legend className="text-sm font-semibold text-slate-800">Evidence</legend>
      {errors.evidence && <Alert tone="error">{errors.evidence}</Alert>}
      {items.length === 0 && <p className="text-sm text-slate-600">No evidence yet.</p>}
      <ol className="space-y-4">
        {items.map((item, index) => (
          <li
            key={item.key}
            className="rounded-md p-3 ring-1 ring-slate-200"
            aria-label={`Evidence ${index + 1}`}
          >
            <div className="mb-2 flex items-center justify-between">
              <span className="text-sm font-medium text-slate-800">Evidence {index + 1}</span>
              <div className="flex gap-1">
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={index === 0}
                  onClick={() => moveEvidence(index, -1)}
                  aria-label={`Move evidence ${index + 1} up`}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={index === items.length - 1}
                  onClick={() => moveEvidence(index, 1)}
                  aria-label={`Move evidence ${index + 1} down`}
                >
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange(items.filter((_, i) => i !== index))}
                  aria-label={`Remove evidence ${index + 1}`}
                >
                  Remove
                </Button>
              </div>
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="URL" required error={error(index, "url")}>
                <Input
                  type="url"
                  value={item.url}
                  onChange={(e) => setEvidence(index, { url: e.target.value })}
                />
              </Field>
              <Field label="Archived copy URL" error={error(index, "archivedUrl")}>
                <Input
                  type="url"
                  value={item.archivedUrl}
                  onChange={(e) => setEvidence(index, { archivedUrl: e.target.value })}
                />
              </Field>
              <Field label="Title" error={error(index, "title")}>
                <Input
                  value={item.title}
                  onChange={(e) => setEvidence(index, { title: e.target.value })}
                />
              </Field>
              <Field label="Publisher" error={error(index, "publisher")}>
                <Input
                  value={item.publisher}
                  onChange={(e) => setEvidence(index, { publisher: e.target.value })}
                />
              </Field>
              <Field label="Stance" required error={error(index, "stance")}>
                <Select
                  value={item.stance}
                  onChange={(e) =>
                    setEvidence(index, { stance: e.target.value as EvidenceValues["stance"] })
                  }
                >
                  <option value="">Choose…</option>
                  <option value="SUPPORTS">Supports the claim</option>
                  <option value="REFUTES">Refutes the claim</option>
                  <option value="CONTEXT">Gives context</option>
                </Select>
              </Field>
              <Field label="Source type" required error={error(index, "sourceType")}>
                <Select
                  value={item.sourceType}
                  onChange={(e) =>
                    setEvidence(index, {
                      sourceType: e.target.value as EvidenceValues["sourceType"],
                    })
                  }
                >
                  <option value="">Choose…</option>
                  <option value="PRIMARY">Primary source</option>
                  <option value="SECONDARY">Secondary source</option>
                </Select>
              </Field>
            </div>
            <div className="mt-3">
              <Field label="Excerpt" error={error(index, "excerpt")}>
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
        Add evidence
      </Button>
    </fieldset>
  );
}
