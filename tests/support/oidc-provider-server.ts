/**
 * The test OpenID Connect provider as a process of its own, for the e2e suite's app
 * (playwright.config.ts starts it before the app): `OIDC_PORT`, and `OIDC_REDIRECT_URI` the
 * app's callback. Stops on SIGINT or SIGTERM.
 */
import { startOidcProvider } from "./oidc-provider";

const port = Number(process.env.OIDC_PORT);
const redirect = process.env.OIDC_REDIRECT_URI;
if (!port || !redirect) {
  console.error("oidc-provider-server: set OIDC_PORT and OIDC_REDIRECT_URI");
  process.exit(2);
}
const provider = await startOidcProvider({ port, redirectUris: [redirect] });
console.log(`test OpenID Connect provider at ${provider.issuer}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void provider.close().then(() => process.exit(0)));
}
