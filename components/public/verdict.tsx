import { cx } from "@/components/ui/cx";

/** The verdict's colour by its rating: 1 (worst) red to 5 (best) green; unrated grey. */
function toneOf(rating: number): string {
  if (rating <= 1) return "bg-red-100 text-red-900 ring-red-300";
  if (rating === 2) return "bg-orange-100 text-orange-900 ring-orange-300";
  if (rating === 3) return "bg-amber-100 text-amber-900 ring-amber-300";
  if (rating >= 4 && rating <= 5) return "bg-green-100 text-green-900 ring-green-300";
  return "bg-slate-100 text-slate-800 ring-slate-300";
}

/** A fact-check's verdict, linked to its definition on the ratings page. */
export function VerdictLabel({
  label,
  rating,
  verdictKey,
  large = false,
  linkLabel,
}: {
  label: string;
  rating: number;
  verdictKey?: string;
  large?: boolean;
  /** "Verdict: {label}. What it means", in the page's language, for the link to its definition. */
  linkLabel?: string;
}) {
  const body = (
    <span
      className={cx(
        "inline-flex items-center rounded-full font-semibold ring-1 ring-inset",
        large ? "px-3 py-1 text-base" : "px-2 py-0.5 text-xs",
        toneOf(rating),
      )}
    >
      {label}
    </span>
  );
  return verdictKey ? (
    <a href={`/ratings#${encodeURIComponent(verdictKey)}`} aria-label={linkLabel}>
      {body}
    </a>
  ) : (
    body
  );
}
