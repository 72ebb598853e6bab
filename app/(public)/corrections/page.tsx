import type { Metadata } from "next";
import Link from "next/link";
import { factCheckPath } from "@/lib/data/public";
import { cachedCorrectionsLog } from "@/lib/data/public-pages";
import { correctionText } from "@/lib/domain/publishing";

export const metadata: Metadata = { title: "Corrections" };

/** The corrections policy and the log of every correction made to a published fact-check. */
export default async function CorrectionsPage() {
  const corrections = await cachedCorrectionsLog();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Corrections</h1>
      <section aria-labelledby="policy-heading" className="space-y-2 text-slate-800">
        <h2 id="policy-heading" className="text-lg font-semibold">
          Our corrections policy
        </h2>
        <p>
          When we learn that a fact-check may be wrong, an editor reopens it and its page says it is
          under review. If the verdict or its reasons change, the page is corrected: it shows the
          new verdict and a dated note saying what changed and why, and the correction is listed
          below. We do not delete a fact-check quietly; one we withdraw says so at its address.
        </p>
      </section>
      <section aria-labelledby="log-heading" className="space-y-3">
        <h2 id="log-heading" className="text-lg font-semibold">
          Corrections made
        </h2>
        {corrections.length === 0 ? (
          <p className="text-slate-700">No correction so far.</p>
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
                <p className="text-slate-800">{correctionText(c)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
