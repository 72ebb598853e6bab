import { createHash, randomBytes } from "node:crypto";

/** A new API token's secret: shown once to the admin, never stored. */
export function newTokenSecret(): string {
  return `cdk_${randomBytes(24).toString("base64url")}`;
}

/** What is stored of a token's secret, and how a presented one is looked up. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
