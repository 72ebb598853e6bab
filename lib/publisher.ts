import type { Publisher } from "@/lib/domain/export/claim-review";

/** The publishing organisation named in ClaimReview output, from the environment. */
export function publisherFromEnv(env: NodeJS.ProcessEnv = process.env): Publisher {
  const url = env.CLAIMDESK_ORG_URL ?? "https://factcheck.example.org";
  return {
    name: env.CLAIMDESK_ORG_NAME ?? "ClaimDesk fact-check desk",
    url,
    claimUrlTemplate:
      env.CLAIMDESK_CLAIM_URL_TEMPLATE ?? `${url.replace(/\/$/, "")}/fact-checks/{id}`,
  };
}

/** Where this app is reached, for links back to claims. */
export function appBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAIMDESK_PUBLIC_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000";
}
