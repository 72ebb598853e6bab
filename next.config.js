/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or WASM parts stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pino"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 when a role check fails.
    authInterrupts: true,
    // Article uploads go through a server action: up to 10 MB a file, checked again there.
    serverActions: { bodySizeLimit: "60mb" },
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

export default nextConfig;
