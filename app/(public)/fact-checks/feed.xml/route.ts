import { factCheckUrl, publicBaseUrl } from "@/lib/data/public";
import { cachedLatestFactChecks } from "@/lib/data/public-pages";
import { settings } from "@/lib/settings";

export const dynamic = "force-dynamic";

const escapeXml = (text: string) =>
  text
    .replace(
      /[<>&'"]/g,
      (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
    )
    // Characters XML 1.0 cannot hold at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

/** GET /fact-checks/feed.xml: the newest published fact-checks as an Atom feed. */
export async function GET() {
  const base = publicBaseUrl();
  const desk = settings().CLAIMDESK_ORG_NAME;
  const entries = await cachedLatestFactChecks();
  const updated = entries[0]?.updatedAt ?? new Date(0);
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>${escapeXml(`Fact-checks · ${desk}`)}</title>`,
    `<id>${escapeXml(`${base}/fact-checks`)}</id>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(`${base}/fact-checks`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/fact-checks/feed.xml`)}"/>`,
    `<updated>${updated.toISOString()}</updated>`,
    `<author><name>${escapeXml(desk)}</name></author>`,
    ...entries.map((entry) => {
      const url = factCheckUrl(entry.slug);
      return [
        "<entry>",
        `<title>${escapeXml(entry.headline)}</title>`,
        `<id>${escapeXml(url)}</id>`,
        `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
        `<published>${entry.publishedAt.toISOString()}</published>`,
        `<updated>${entry.updatedAt.toISOString()}</updated>`,
        `<summary>${escapeXml(`${entry.verdictLabel}: ${entry.claimantName}: “${entry.claimReviewed}”`)}</summary>`,
        "</entry>",
      ].join("");
    }),
    "</feed>",
  ].join("\n");
  return new Response(xml, {
    headers: {
      "content-type": "application/atom+xml; charset=utf-8",
      "cache-control": "public, max-age=60",
    },
  });
}
