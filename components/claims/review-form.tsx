"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { saveReviewForm, submitReviewForm, takeSelectedClaims } from "@/app/(app)/claims/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { ShortcutHelp } from "@/components/claims/shortcut-help";

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

export interface ReviewValues {
  claimantName: string;
  claimantRole: string;
  claimantType: string;
  appearanceUrl: string;
  appearanceDate: string;
  firstAppearanceUrl: string;
  firstAppearanceDate: string;
  verdictId: string;
  rationale: string;
  evidence: EvidenceValues[];
}

const SHORTCUTS: Array<[string, string]> = [
  ["s  or  Ctrl+S", "Save"],
  ["e", "Edit: jump to the first field"],
  ["?", "Show these shortcuts"],
];

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

export function ReviewForm({
  claimId,
  version,
  state,
  editable,
  canTake,
  initial,
  verdicts,
}: {
  claimId: string;
  version: number;
  state: string;
  editable: boolean;
  canTake: boolean;
  initial: ReviewValues;
  verdicts: Array<{ id: string; label: string }>;
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [savedVersion, setSavedVersion] = useState(version);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{
    tone: "error" | "success" | "info";
    text: string;
  } | null>(null);
  const [pending, startTransition] = useTransition();
  const [help, setHelp] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  // A newer version from the server (a take, a span edit, a reload) replaces the form only
  // when nothing typed would be lost; otherwise the next save reports the conflict.
  const [seenVersion, setSeenVersion] = useState(version);
  if (version !== seenVersion) {
    setSeenVersion(version);
    if (!dirty) {
      setValues(initial);
      setSavedVersion(version);
    }
  }
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const set = <K extends keyof ReviewValues>(key: K, value: ReviewValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setDirty(true);
  };
  const setEvidence = (index: number, patch: Partial<EvidenceValues>) => {
    setValues((v) => ({
      ...v,
      evidence: v.evidence.map((e, i) => (i === index ? { ...e, ...patch } : e)),
    }));
    setDirty(true);
  };
  const moveEvidence = (index: number, delta: number) => {
    setValues((v) => {
      const list = [...v.evidence];
      const [item] = list.splice(index, 1);
      list.splice(index + delta, 0, item!);
      return { ...v, evidence: list };
    });
    setDirty(true);
  };

  function payload() {
    return {
      claimId,
      version: savedVersion,
      ...values,
      evidence: values.evidence.map(({ key: _key, ...e }) => e),
    };
  }

  function save(submit: boolean) {
    if (!editable || pending) return;
    startTransition(async () => {
      const result = await (submit ? submitReviewForm : saveReviewForm)(payload());
      if (result.ok) {
        setErrors({});
        setDirty(false);
        setSavedVersion(result.data.version);
        // The action's response already carries the page re-rendered (history, state):
        // no second request.
        setMessage({ tone: "success", text: submit ? "Submitted for approval." : "Saved." });
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.message });
      }
    });
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      const typing = Boolean(target.closest("input, textarea, select"));
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        save(false);
        return;
      }
      if (
        typing ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        target.closest("dialog[open]")
      )
        return;
      if (event.key === "s") {
        event.preventDefault();
        save(false);
      } else if (event.key === "e") {
        event.preventDefault();
        firstField.current?.focus();
      } else if (event.key === "?") {
        event.preventDefault();
        setHelp(true);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const fieldError = (key: string) => errors[key];
  const evidenceError = (index: number, key: string) => errors[`evidence.${index}.${key}`];

  return (
    <form
      ref={formRef}
      aria-label="Review"
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        save(false);
      }}
    >
      {!editable && (
        <Alert tone="info">
          {state === "NEW"
            ? "This claim is new. Take it to review it."
            : state === "IN_REVIEW"
              ? "Another reviewer has this claim; you can read it and comment."
              : "This claim is read-only in its current state."}
        </Alert>
      )}
      {canTake && (
        <Button
          onClick={() =>
            startTransition(async () => {
              const result = await takeSelectedClaims({ claims: [{ id: claimId, version }] });
              if (result.ok) router.refresh();
              else setMessage({ tone: "error", text: result.message });
            })
          }
          disabled={pending}
        >
          Take this claim
        </Button>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <fieldset disabled={!editable} className="space-y-4">
        <legend className="text-sm font-semibold text-slate-800">Source</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Claimant" error={fieldError("claimantName")}>
            {({ id, describedBy, invalid }) => (
              <Input
                ref={firstField}
                id={id}
                value={values.claimantName}
                onChange={(e) => set("claimantName", e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Role at the time" error={fieldError("claimantRole")}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                value={values.claimantRole}
                onChange={(e) => set("claimantRole", e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Claimant type" error={fieldError("claimantType")}>
            {({ id, describedBy }) => (
              <Select
                id={id}
                value={values.claimantType}
                onChange={(e) => set("claimantType", e.target.value)}
                aria-describedby={describedBy}
              >
                <option value="">Not set</option>
                <option value="PERSON">Person</option>
                <option value="ORGANISATION">Organisation</option>
                <option value="GOVERNMENT">Government</option>
              </Select>
            )}
          </Field>
          <div />
          <Field label="Where it appeared (URL)" error={fieldError("appearanceUrl")}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                type="url"
                value={values.appearanceUrl}
                onChange={(e) => set("appearanceUrl", e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Appearance date" error={fieldError("appearanceDate")}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                type="date"
                value={values.appearanceDate}
                onChange={(e) => set("appearanceDate", e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field
            label="First appearance (URL, if different)"
            error={fieldError("firstAppearanceUrl")}
          >
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                type="url"
                value={values.firstAppearanceUrl}
                onChange={(e) => set("firstAppearanceUrl", e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="First appearance date" error={fieldError("firstAppearanceDate")}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                type="date"
                value={values.firstAppearanceDate}
                onChange={(e) => set("firstAppearanceDate", e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={!editable} className="space-y-4">
        <legend className="text-sm font-semibold text-slate-800">Status</legend>
        <Field label="Proposed verdict" error={fieldError("verdictId")}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              value={values.verdictId}
              onChange={(e) => set("verdictId", e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              <option value="">Not decided</option>
              {verdicts.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label="Rationale"
          hint="Why the evidence supports this verdict. Required before submitting."
          error={fieldError("rationale")}
        >
          {({ id, describedBy, invalid }) => (
            <Textarea
              id={id}
              rows={5}
              value={values.rationale}
              onChange={(e) => set("rationale", e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      </fieldset>

      <fieldset disabled={!editable} className="space-y-4">
        <legend className="text-sm font-semibold text-slate-800">Evidence</legend>
        {fieldError("evidence") && <Alert tone="error">{fieldError("evidence")}</Alert>}
        {values.evidence.length === 0 && <p className="text-sm text-slate-600">No evidence yet.</p>}
        <ol className="space-y-4">
          {values.evidence.map((item, index) => (
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
                    disabled={index === values.evidence.length - 1}
                    onClick={() => moveEvidence(index, 1)}
                    aria-label={`Move evidence ${index + 1} down`}
                  >
                    ↓
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      setValues((v) => ({
                        ...v,
                        evidence: v.evidence.filter((_, i) => i !== index),
                      }));
                      setDirty(true);
                    }}
                    aria-label={`Remove evidence ${index + 1}`}
                  >
                    Remove
                  </Button>
                </div>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label="URL" error={evidenceError(index, "url")}>
                  {({ id, describedBy, invalid }) => (
                    <Input
                      id={id}
                      type="url"
                      value={item.url}
                      onChange={(e) => setEvidence(index, { url: e.target.value })}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    />
                  )}
                </Field>
                <Field label="Archived copy URL" error={evidenceError(index, "archivedUrl")}>
                  {({ id, describedBy, invalid }) => (
                    <Input
                      id={id}
                      type="url"
                      value={item.archivedUrl}
                      onChange={(e) => setEvidence(index, { archivedUrl: e.target.value })}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    />
                  )}
                </Field>
                <Field label="Title" error={evidenceError(index, "title")}>
                  {({ id, describedBy, invalid }) => (
                    <Input
                      id={id}
                      value={item.title}
                      onChange={(e) => setEvidence(index, { title: e.target.value })}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    />
                  )}
                </Field>
                <Field label="Publisher" error={evidenceError(index, "publisher")}>
                  {({ id, describedBy, invalid }) => (
                    <Input
                      id={id}
                      value={item.publisher}
                      onChange={(e) => setEvidence(index, { publisher: e.target.value })}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    />
                  )}
                </Field>
                <Field label="Stance" error={evidenceError(index, "stance")}>
                  {({ id, describedBy, invalid }) => (
                    <Select
                      id={id}
                      value={item.stance}
                      onChange={(e) =>
                        setEvidence(index, { stance: e.target.value as EvidenceValues["stance"] })
                      }
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    >
                      <option value="">Choose…</option>
                      <option value="SUPPORTS">Supports the claim</option>
                      <option value="REFUTES">Refutes the claim</option>
                      <option value="CONTEXT">Gives context</option>
                    </Select>
                  )}
                </Field>
                <Field label="Source type" error={evidenceError(index, "sourceType")}>
                  {({ id, describedBy, invalid }) => (
                    <Select
                      id={id}
                      value={item.sourceType}
                      onChange={(e) =>
                        setEvidence(index, {
                          sourceType: e.target.value as EvidenceValues["sourceType"],
                        })
                      }
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    >
                      <option value="">Choose…</option>
                      <option value="PRIMARY">Primary source</option>
                      <option value="SECONDARY">Secondary source</option>
                    </Select>
                  )}
                </Field>
              </div>
              <div className="mt-3">
                <Field label="Excerpt" error={evidenceError(index, "excerpt")}>
                  {({ id, describedBy, invalid }) => (
                    <Textarea
                      id={id}
                      rows={2}
                      value={item.excerpt}
                      onChange={(e) => setEvidence(index, { excerpt: e.target.value })}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    />
                  )}
                </Field>
              </div>
            </li>
          ))}
        </ol>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setValues((v) => ({ ...v, evidence: [...v.evidence, newEvidence()] }));
            setDirty(true);
          }}
        >
          Add evidence
        </Button>
      </fieldset>

      {editable && (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <Button onClick={() => save(true)} disabled={pending}>
            Submit for approval
          </Button>
          <span className="text-sm text-slate-600" aria-live="polite">
            {dirty ? "Unsaved changes" : "All changes saved"}
          </span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setHelp(true)}
            aria-label="Keyboard shortcuts"
          >
            ?
          </Button>
        </div>
      )}
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={SHORTCUTS} />
    </form>
  );
}
