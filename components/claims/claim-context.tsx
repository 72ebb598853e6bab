/**
 * The claim in its surrounding text: the paragraph(s) around the span, with the claim
 * highlighted and its speaker and cue marked within it.
 */
export function ClaimContext({
  body,
  claim,
}: {
  body: string;
  claim: {
    start: number | null;
    end: number | null;
    speakerStart: number | null;
    speakerEnd: number | null;
    cueStart: number | null;
    cueEnd: number | null;
  };
}) {
  const start = claim.start!;
  const end = claim.end!;
  const from = Math.max(0, body.lastIndexOf("\n", Math.max(0, start - 1)) + 1, start - 600);
  const nextBreak = body.indexOf("\n", end);
  const to = Math.min(body.length, nextBreak < 0 ? body.length : nextBreak, end + 600);
  const marks = [
    {
      start: claim.speakerStart,
      end: claim.speakerEnd,
      className: "font-semibold underline decoration-2 decoration-brand-600",
      label: "speaker",
    },
    {
      start: claim.cueStart,
      end: claim.cueEnd,
      className: "italic underline decoration-dotted",
      label: "cue",
    },
  ].filter(
    (m): m is { start: number; end: number; className: string; label: string } =>
      m.start !== null && m.end !== null && m.start >= start && m.end <= end,
  );
  marks.sort((a, b) => a.start - b.start);
  const inner: React.ReactNode[] = [];
  let at = start;
  for (const mark of marks) {
    if (mark.start < at) continue;
    inner.push(body.slice(at, mark.start));
    inner.push(
      <span key={mark.label} className={mark.className} title={mark.label}>
        {body.slice(mark.start, mark.end)}
      </span>,
    );
    at = mark.end;
  }
  inner.push(body.slice(at, end));
  return (
    <p className="leading-relaxed whitespace-pre-wrap text-slate-700" dir="auto">
      {from > 0 && "… "}
      {/* data-start: where this text begins in the body, so a selection maps to offsets. */}
      <span data-start={from} data-testid="claim-context-text">
        {body.slice(from, start)}
        <mark className="rounded-sm bg-amber-100 text-slate-900">{inner}</mark>
        {body.slice(end, to)}
      </span>
      {to < body.length && " …"}
    </p>
  );
}
