"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";

/**
 * Copies `text` to the clipboard and says whether it worked (a browser may refuse: then it
 * says to copy by hand). The message is polite live text, read out after the click.
 */
export function CopyButton({ text, what }: { text: string; what?: string }) {
  const t = useTranslations("Common");
  const [said, setSaid] = useState<string | null>(null);
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setSaid(t("copied")),
            () => setSaid(t("copyFailed", { what: what ?? t("it") })),
          )
        }
      >
        {t("copy")}
      </Button>
      <span role="status" className="ms-2 text-sm text-slate-700">
        {said}
      </span>
    </>
  );
}
