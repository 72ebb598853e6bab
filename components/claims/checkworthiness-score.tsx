import { useTranslations } from "next-intl";
import type { CheckworthinessScorer } from "@/lib/domain/claims";

/** A claim's check-worthiness and the model that gave it: "check-worthiness 0.82 · sentence model", or that none could. */
export function CheckworthinessScore({ score, by }: { score: number; by: CheckworthinessScorer }) {
  const t = useTranslations("Checkworthiness");
  return (
    <span className="text-xs text-slate-600 tabular-nums" data-testid="checkworthiness">
      {by === "NONE"
        ? t("none")
        : t("score", { score: score.toFixed(2), model: t(`scorer.${by}`) })}
    </span>
  );
}
