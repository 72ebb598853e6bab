/** The desk's client at the test OpenID Connect provider (tests/support/oidc-provider.ts). */
export const TEST_CLIENT = { id: "claimdesk-test", secret: "claimdesk-test-secret-0123456789" };
