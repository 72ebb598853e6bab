import type { MetadataRoute } from "next";
import { factCheckUrl, publicBaseUrl } from "@/lib/data/public";
import { cachedSitemapFactChecks } from "@/lib/data/public-pages";

export const dynamic = "force-dynamic";

/** A sitemap holds at most 50,000 addresses: the newest fact-checks, then the older ones' pages link on. */
const SITEMAP_LIMIT = 50_000;

/** The public pages, and the fact-checks that are up, newest first. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = publicBaseUrl();
  const pages = await cachedSitemapFactChecks(SITEMAP_LIMIT - 3);
  return [
    { url: `${base}/fact-checks`, changeFrequency: "hourly" },
    { url: `${base}/ratings` },
    { url: `${base}/corrections` },
    ...pages.map((page) => ({ url: factCheckUrl(page.slug), lastModified: page.updatedAt })),
  ];
}
