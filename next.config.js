/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or WASM parts stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 when a role check fails.
    authInterrupts: true,
    // Article uploads go through a server action: up to 10 MB a file, checked again there.
    serverActions: { bodySizeLimit: "60mb" },
  },
};

export default nextConfig;
