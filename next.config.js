import createNextIntlPlugin from "next-intl/plugin";
import limits from "./lib/validation/upload-limits.json" with { type: "json" };

// The interface's languages: each request's language and messages (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// The public address people use, when it differs from the Host a request arrives with:
// proxy.ts accepts state-changing requests from it, and so must Next's own check of
// server actions' Origin (which would otherwise answer 500 where proxy.ts let one in).
const publicHosts = [process.env.NEXTAUTH_URL, process.env.CLAIMDESK_PUBLIC_URL]
  .filter((url) => Boolean(url))
  .map((url) => new URL(String(url)).host);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or WASM parts stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-copy-streams", "pino"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 when a role check fails.
    authInterrupts: true,
    // One file (up to 10 MB) or one pasted article per request, through a server action:
    // the action's limit and the limit of what proxy.ts buffers are the same one number
    // (lib/validation/upload-limits.json), checked again in the action and in the browser.
    serverActions: { bodySizeLimit: limits.requestBytes, allowedOrigins: publicHosts },
    proxyClientMaxBodySize: limits.requestBytes,
  },
  // Build assets skip proxy.ts (which sets these on everything else, with the page's CSP):
  // they get the same headers and a policy that allows nothing to embed or run from them.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
