import { publicLocale, publicTranslations } from "@/lib/i18n/public";
import type { Metadata } from "next";
import Link from "next/link";
import { factCheckPath } from "@/lib/data/public";
import { cachedCorrectionsLog } from "@/lib/data/public-pages";
import { correctionText } from "@/lib/domain/publishing";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await publicTranslations())("corrections") };
}

/** The corrections policy and the log of every correction made to a published fact-check. */
export default async function CorrectionsPage() {
  const [corrections, t] = await Promise.all([cachedCorrectionsLog(), publicTranslations()]);
  const locale = publicLocale();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("corrections")}</h1>
      <section aria-labelledby="policy-heading" className="space-y-2 text-slate-800">
        <h2 id="policy-heading" className="text-lg font-semibold">
          {t("policyTitle")}
        </h2>
        <p>{t("policy")}</p>
      </section>
      <section aria-labelledby="log-heading" className="space-y-3">
        <h2 id="log-heading" className="text-lg font-semibold">
          {t("correctionsMade")}
        </h2>
        {corrections.length === 0 ? (
          <p className="text-slate-700">{t("noCorrection")}</p>
        ) : (
          <ul className="space-y-3" data-testid="corrections-log">
            {corrections.map((c) => (
              <li key={`${c.publication.slug}-${c.correctedAt.toISOString()}`}>
                <Link
                  className="font-medium text-brand-700 underline"
                  href={factCheckPath(c.publication.slug)}
                >
                  {c.publication.headline}
                </Link>
                <p className="text-slate-800">{correctionText(c, t, locale)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
