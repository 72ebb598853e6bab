"use client";

import { useState } from "react";
import { Button } from "./button";

/**
 * Copies `text` to the clipboard and says whether it worked (a browser may refuse: then it
 * says to copy by hand). The message is polite live text, read out after the click.
 */
export function CopyButton({ text, what = "it" }: { text: string; what?: string }) {
  const [said, setSaid] = useState<string | null>(null);
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setSaid("Copied to the clipboard."),
            () => setSaid(`Could not copy: select ${what} and copy it by hand.`),
          )
        }
      >
        Copy
      </Button>
      <span role="status" className="ml-2 text-sm text-slate-700">
        {said}
      </span>
    </>
  );
}
