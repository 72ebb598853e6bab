import { CHECKWORTHINESS_SCORER_LABELS, type CheckworthinessScorer } from "@/lib/domain/claims";

/** A claim's check-worthiness and the model that gave it: "check-worthiness 0.82 · sentence model", or that none could. */
export function CheckworthinessScore({ score, by }: { score: number; by: CheckworthinessScorer }) {
  return (
    <span className="text-xs text-slate-600 tabular-nums" data-testid="checkworthiness">
      {by === "NONE"
        ? `check-worthiness ${CHECKWORTHINESS_SCORER_LABELS.NONE}`
        : `check-worthiness ${score.toFixed(2)} · ${CHECKWORTHINESS_SCORER_LABELS[by]}`}
    </span>
  );
}
