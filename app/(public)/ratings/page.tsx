import type { Metadata } from "next";
import { VerdictLabel } from "@/components/public/verdict";
import { cachedRatings } from "@/lib/data/public-pages";
import { BEST_RATING } from "@/lib/domain/export/claim-review";

export const metadata: Metadata = { title: "How we rate claims" };

/** The ratings page: each verdict the desk gives, with what it means (the IFCN's methodology). */
export default async function RatingsPage() {
  const verdicts = await cachedRatings();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">How we rate claims</h1>
      <p className="text-slate-700">
        Each fact-check gives one of these verdicts. A verdict is proposed by the reviewer who
        checked the claim and approved by an editor who did not write it; each comes with the
        evidence it rests on.
      </p>
      <dl className="space-y-4">
        {verdicts.map((v) => (
          <div key={v.key} id={v.key} className="scroll-mt-4">
            <dt className="flex items-center gap-3">
              <VerdictLabel label={v.label} rating={v.ratingValue} />
              <span className="text-sm text-slate-600">
                Rating {v.ratingValue} of {BEST_RATING}
              </span>
            </dt>
            <dd className="mt-1 text-slate-800">{v.description ?? "No definition written yet."}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
