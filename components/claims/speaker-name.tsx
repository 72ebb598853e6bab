"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { correctSpeakerName } from "@/app/(app)/claims/[claimId]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

/**
 * The speaker as extraction resolved it, with a way to correct the name once for every
 * claim of theirs in the article (a misspelled first mention, say).
 */
export function SpeakerName({
  speaker,
}: {
  speaker: { id: string; name: string; title: string | null } | null;
}) {
  const t = useTranslations("Speaker");
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(speaker?.name ?? "");
  const rename = useAction(correctSpeakerName, {
    success: ({ changed, kept }) => t("renamed", { changed, kept }),
    onSuccess: () => setOpen(false),
  });
  if (!speaker) return <>—</>;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span data-testid="claim-speaker">
        {speaker.title ? `${speaker.title} ` : ""}
        {speaker.name}
      </span>
      <Button size="sm" variant="ghost" onClick={() => (rename.setMessage(null), setOpen(true))}>
        {t("correctOpen")}
      </Button>
      {rename.message && !open && <Alert tone={rename.message.tone}>{rename.message.text}</Alert>}
      <Dialog open={open} title={t("correctTitle")} onClose={() => setOpen(false)}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void rename.run({ speakerId: speaker.id, name });
          }}
        >
          {rename.message?.tone === "error" && <Alert tone="error">{rename.message.text}</Alert>}
          <Field label={t("name")} hint={t("nameHint")} error={rename.fieldErrors.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <DialogActions
            onCancel={() => setOpen(false)}
            submitLabel={t("rename")}
            pending={rename.pending}
          />
        </form>
      </Dialog>
    </div>
  );
}
