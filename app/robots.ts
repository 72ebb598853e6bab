import type { MetadataRoute } from "next";
import { publicBaseUrl } from "@/lib/data/public";

// The public address is a setting of the running app, not of the build.
export const dynamic = "force-dynamic";

/** Crawlers may read the public fact-checks and nothing of the desk itself. */
export default function robots(): MetadataRoute.Robots {
  const base = publicBaseUrl();
  return {
    rules: [{ userAgent: "*", allow: ["/fact-checks", "/ratings", "/corrections"], disallow: "/" }],
    sitemap: `${base}/sitemap.xml`,
  };
}
