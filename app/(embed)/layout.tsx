// Rendered per request (each with its CSP nonce and the running app's settings), from
// reads cached until a publication changes (lib/data/public-pages.ts): never at build time.
export const dynamic = "force-dynamic";

/**
 * Embeds: a fact-check as a compact card for other sites to put in an iframe (the only
 * pages that may be framed: proxy.ts lets any site frame /fact-checks/<slug>/embed). No
 * session, no navigation, no script.
 */
export default function EmbedLayout({ children }: { children: React.ReactNode }) {
  return <main className="p-3">{children}</main>;
}
