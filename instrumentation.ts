/** Runs once when a server instance starts: refuse to serve with a broken configuration. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { parseServerEnv } = await import("@/lib/env");
    parseServerEnv();
  }
}
