import type { Publisher } from "@/lib/domain/export/claim-review";
import { settings } from "@/lib/settings";

/** The publishing organisation named in ClaimReview output, from the settings. */
export function publisherFromSettings(): Publisher {
  const s = settings();
  return {
    name: s.CLAIMDESK_ORG_NAME,
    url: s.CLAIMDESK_ORG_URL,
    claimUrlTemplate:
      s.CLAIMDESK_CLAIM_URL_TEMPLATE ??
      `${s.CLAIMDESK_ORG_URL.replace(/\/$/, "")}/fact-checks/{id}`,
  };
}

/** Where this app is reached, for links back to claims. */
export function appBaseUrl(): string {
  const s = settings();
  return s.CLAIMDESK_PUBLIC_URL ?? s.NEXTAUTH_URL ?? `http://localhost:${s.PORT}`;
}
