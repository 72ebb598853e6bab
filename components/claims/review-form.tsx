"use client";

import { Fragment, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { saveReviewForm, submitReviewForm, takeSelectedClaims } from "@/app/(app)/claims/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { ShortcutHelp } from "@/components/claims/shortcut-help";
import { REVIEW_SHORTCUTS } from "@/lib/domain/shortcuts";
import { EvidenceEditor, type EvidenceValues } from "@/components/claims/evidence-editor";
import { useActionRunner } from "@/components/ui/use-action";
import { SHORT_CLAIM_LIMIT } from "@/lib/domain/export/claim-review";
import { useShortcuts } from "@/components/ui/use-shortcuts";
import {
  CLAIMANT_TYPES,
  REVIEW_FIELD_DEFS,
  SOURCE_FIELDS,
  type ReviewField,
  type ReviewFieldDef,
} from "@/lib/domain/review-fields";
import { Options } from "@/components/ui/options";

/** The form's values: each review field as its input holds it (text), and the evidence. */
export type ReviewValues = { [F in ReviewField]: string } & { evidence: EvidenceValues[] };

/** The source fields the form shows in its Source group. */
const SOURCE_GROUP = SOURCE_FIELDS.filter((f) => REVIEW_FIELD_DEFS[f].part === "source");

export function ReviewForm({
  claimId,
  version,
  state,
  editable,
  canTake,
  initial,
  verdicts,
  content,
  blind = false,
  takeVersion = version,
  notice,
}: {
  claimId: string;
  version: number;
  state: string;
  editable: boolean;
  canTake: boolean;
  initial: ReviewValues;
  verdicts: Array<{ id: string; label: string }>;
  /** What is claimed: the statement without its attribution. */
  content: string;
  /** The form is the viewer's own review of a claim needing two (version: that review's). */
  blind?: boolean;
  /** The claim's version, for taking it (the form's own may be a blind review's). */
  takeVersion?: number;
  /** In place of the fields: why there is no review to show here (a claim needing two). */
  notice?: string;
}) {
  const t = useTranslations("ReviewForm");
  const fields = useTranslations("ReviewFields");
  const claimantTypes = useTranslations("ClaimantTypes");
  const claimantTypeOptions = CLAIMANT_TYPES.map((id) => ({ id, label: claimantTypes(id) }));
  const [values, setValues] = useState(initial);
  const [savedVersion, setSavedVersion] = useState(version);
  const [dirty, setDirty] = useState(false);
  const [help, setHelp] = useState(false);
  const { run, pending, message, fieldErrors } = useActionRunner();
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

  function save(submit: boolean) {
    if (!editable || pending) return;
    const payload = {
      claimId,
      version: savedVersion,
      ...values,
      evidence: values.evidence.map(({ key: _key, ...e }) => e),
    };
    void run(() => (submit ? submitReviewForm : saveReviewForm)(payload), {
      success: !submit ? t("saved") : blind ? t("submittedBlind") : t("submitted"),
      onSuccess: (data) => {
        setDirty(false);
        setSavedVersion(data.version);
      },
      // The action's response already carries the page re-rendered (history, state).
      refresh: false,
    });
  }

  useShortcuts({
    "Mod+s": (event) => {
      event.preventDefault();
      save(false);
    },
    s: (event) => {
      event.preventDefault();
      save(false);
    },
    e: (event) => {
      event.preventDefault();
      firstField.current?.focus();
    },
    "?": (event) => {
      event.preventDefault();
      setHelp(true);
    },
  });

  const fieldError = (key: string) => fieldErrors[key];

  // The Take button (when the viewer may take the claim) and the last action's message.
  const takeAndMessage = (
    <>
      {canTake && (
        <Button
          onClick={() =>
            run(() => takeSelectedClaims({ claims: [{ id: claimId, version: takeVersion }] }))
          }
          disabled={pending}
        >
          {t("take")}
        </Button>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </>
  );

  if (notice) {
    return (
      <div className="space-y-3">
        <Alert tone="info">{notice}</Alert>
        {takeAndMessage}
      </div>
    );
  }

  return (
    <form
      aria-label={t("form")}
      // The server's messages name each problem and its evidence item; no browser bubbles.
      noValidate
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        save(false);
      }}
    >
      {!editable && (
        <Alert tone="info">
          {blind
            ? t("readOnlyBlind")
            : state === "NEW"
              ? t("readOnlyNew")
              : state === "IN_REVIEW"
                ? t("readOnlyTaken")
                : t("readOnly")}
        </Alert>
      )}
      {takeAndMessage}
      <fieldset disabled={!editable} className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">{t("theClaim")}</legend>
        <div>
          <p className="text-sm font-medium text-slate-800">{t("whatIsClaimed")}</p>
          <p className="text-sm text-slate-700" data-testid="claim-content" dir="auto">
            {content}
          </p>
        </div>
        <Field
          label={fields("shortText")}
          hint={t("shortTextHint", {
            limit: SHORT_CLAIM_LIMIT,
            length: values.shortText.length,
            tooLong: String(values.shortText.length > SHORT_CLAIM_LIMIT),
          })}
          error={fieldError("shortText")}
        >
          <Input value={values.shortText} onChange={(e) => set("shortText", e.target.value)} />
        </Field>
      </fieldset>

      <fieldset disabled={!editable} className="space-y-4">
        <legend className="text-sm font-semibold text-slate-800">{t("source")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {SOURCE_GROUP.map((field, index) => {
            const def: ReviewFieldDef = REVIEW_FIELD_DEFS[field];
            const onChange = (e: { target: { value: string } }) => set(field, e.target.value);
            return (
              <Fragment key={field}>
                {/* Starts the field on a new row of two; one column has no rows to start. */}
                {def.startsRow && index % 2 === 1 && <div className="hidden sm:block" />}
                <Field label={fields(field)} error={fieldError(field)}>
                  {def.kind === "claimantType" ? (
                    <Select value={values[field]} onChange={onChange}>
                      <Options none={t("notSet")} items={claimantTypeOptions} />
                    </Select>
                  ) : (
                    <Input
                      ref={index === 0 ? firstField : undefined}
                      type={def.kind === "url" ? "url" : def.kind === "date" ? "date" : undefined}
                      value={values[field]}
                      onChange={onChange}
                    />
                  )}
                </Field>
              </Fragment>
            );
          })}
        </div>
      </fieldset>

      <fieldset disabled={!editable} className="space-y-4">
        <legend className="text-sm font-semibold text-slate-800">{t("status")}</legend>
        <Field
          label={state === "APPROVED" ? t("verdict") : fields("verdictId")}
          error={fieldError("verdictId")}
        >
          <Select value={values.verdictId} onChange={(e) => set("verdictId", e.target.value)}>
            <Options none={t("notDecided")} items={verdicts} />
          </Select>
        </Field>
        <Field
          label={fields("rationale")}
          hint={t("rationaleHint")}
          error={fieldError("rationale")}
        >
          <Textarea
            rows={5}
            value={values.rationale}
            onChange={(e) => set("rationale", e.target.value)}
          />
        </Field>
      </fieldset>

      <EvidenceEditor
        items={values.evidence}
        disabled={!editable}
        errors={fieldErrors}
        onChange={(evidence) => set("evidence", evidence)}
      />

      {editable && (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
          <Button onClick={() => save(true)} disabled={pending}>
            {blind ? t("submitMine") : t("submit")}
          </Button>
          <span className="text-sm text-slate-600" aria-live="polite">
            {dirty ? t("unsaved") : t("allSaved")}
          </span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setHelp(true)}
            aria-label={t("shortcuts")}
          >
            ?
          </Button>
        </div>
      )}
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={REVIEW_SHORTCUTS} />
    </form>
  );
}
