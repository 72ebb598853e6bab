"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { correctArticleLanguage } from "@/app/(app)/articles/[articleId]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

/**
 * The article's language, where it came from, and a way to correct it (its claims are then
 * extracted again in the language chosen). `choices`: the languages offered, by name.
 */
export function ArticleLanguage({
  articleId,
  language,
  name,
  source,
  choices,
}: {
  articleId: string;
  language: string;
  name: string;
  source: string;
  choices: Array<{ tag: string; name: string }>;
}) {
  const t = useTranslations("ArticleLanguage");
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState(language);
  const correct = useAction(correctArticleLanguage, {
    success: ({ language, queued }) =>
      t(queued ? "setQueued" : "set", {
        name: choices.find((c) => c.tag === language)?.name ?? language,
      }),
    onSuccess: () => setOpen(false),
  });
  const offered = choices.some((c) => c.tag === language)
    ? choices
    : [{ tag: language, name }, ...choices];
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span data-testid="article-language">
        {t.rich("language", {
          name,
          source,
          strong: (chunks) => <strong>{chunks}</strong>,
          muted: (chunks) => <span className="text-slate-600">{chunks}</span>,
        })}
      </span>
      <Button size="sm" variant="ghost" onClick={() => (correct.setMessage(null), setOpen(true))}>
        {t("correctOpen")}
      </Button>
      {correct.message && !open && (
        <Alert tone={correct.message.tone}>{correct.message.text}</Alert>
      )}
      <Dialog open={open} title={t("correctTitle")} onClose={() => setOpen(false)}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void correct.run({ articleId, language: chosen });
          }}
        >
          {correct.message?.tone === "error" && <Alert tone="error">{correct.message.text}</Alert>}
          <Field label={t("label")} hint={t("hint")} error={correct.fieldErrors.language} required>
            <Select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {offered.map((c) => (
                <option key={c.tag} value={c.tag}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <DialogActions
            onCancel={() => setOpen(false)}
            submitLabel={t("submit")}
            pending={correct.pending}
          />
        </form>
      </Dialog>
    </div>
  );
}
