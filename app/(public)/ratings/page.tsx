import { publicTranslations } from "@/lib/i18n/public";
import type { Metadata } from "next";
import { VerdictLabel } from "@/components/public/verdict";
import { cachedRatings } from "@/lib/data/public-pages";
import { BEST_RATING } from "@/lib/domain/export/claim-review";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await publicTranslations())("ratingsTitle") };
}

/** The ratings page: each verdict the desk gives, with what it means (the IFCN's methodology). */
export default async function RatingsPage() {
  const [verdicts, t] = await Promise.all([cachedRatings(), publicTranslations()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("ratingsTitle")}</h1>
      <p className="text-slate-700">{t("ratingsIntro")}</p>
      <dl className="space-y-4">
        {verdicts.map((v) => (
          <div key={v.key} id={v.key} className="scroll-mt-4">
            <dt className="flex items-center gap-3">
              <VerdictLabel label={v.label} rating={v.ratingValue} />
              <span className="text-sm text-slate-600">
                {t("rating", { value: v.ratingValue, best: BEST_RATING })}
              </span>
            </dt>
            <dd className="mt-1 text-slate-800">{v.description ?? t("noDefinition")}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
