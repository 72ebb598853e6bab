import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/domain/highlight-marks";

/** A search snippet with its matched words in <mark>; the text is never parsed as HTML. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(
    new RegExp(`(${HIGHLIGHT_START}[^${HIGHLIGHT_END}]*${HIGHLIGHT_END})`, "u"),
  );
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith(HIGHLIGHT_START) ? (
          <mark key={i} className="rounded-sm bg-amber-200 text-slate-900">
            {part.slice(1, -1)}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
