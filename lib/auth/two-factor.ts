import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  randomInt,
} from "node:crypto";
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";
import type { Role } from "@/lib/domain/roles";

/**
 * The second factor of password accounts: time-based one-time codes (RFC 6238: SHA-1, six
 * digits, 30-second steps, what every authenticator app reads from an `otpauth://` QR code)
 * and one-time recovery codes.
 *
 * - The TOTP secret is stored encrypted (AES-256-GCM, its key derived from NEXTAUTH_SECRET by
 *   HKDF), so a copy of the database alone does not yield anyone's codes. Changing
 *   NEXTAUTH_SECRET makes the stored secrets unreadable: an admin then resets the people's
 *   second factor and they enrol again.
 * - A code is accepted one step either side of now (a phone's clock drifts) and only for a
 *   step later than the last one accepted, so an overheard code cannot be used again.
 * - Recovery codes have 50 random bits each and are stored as SHA-256 hashes (enough for a
 *   random secret of that size; a slow hash is for passwords people choose).
 */

export const TOTP_ISSUER = "ClaimDesk";
export const RECOVERY_CODE_COUNT = 10;
const STEP_SECONDS = 30;

/** Who must have a second factor before using a password account, by the setting. */
export function secondFactorRequired(role: Role, policy: "admins" | "all" | "off"): boolean {
  if (policy === "off") return false;
  return policy === "all" || role === "ADMIN";
}

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** What the QR code holds: the account's label and the secret, for an authenticator app. */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The current code for a secret (tests and the enrolment check use the same RFC 6238). */
export function totpCode(secret: string, at = Date.now()): string {
  return generateSync({ secret, epoch: Math.floor(at / 1000) });
}

/**
 * The time step of a valid code, or null: six digits, within one step of `at`, and later than
 * `afterStep` (the last step this account used).
 */
export function checkTotp(
  secret: string,
  code: string,
  afterStep: number | null,
  at = Date.now(),
): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = verifySync({
    secret,
    token,
    epoch: Math.floor(at / 1000),
    epochTolerance: STEP_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

// ---- the secret at rest -------------------------------------------------------------------

function key(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, "", "claimdesk totp secret v1", 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
export function sealSecret(secret: string, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(appSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), sealed]
    .map((part) => part.toString("base64url"))
    .join(".");
}

/** The secret, or null when it was sealed under another NEXTAUTH_SECRET (or tampered with). */
export function openSecret(stored: string, appSecret: string): string | null {
  const [version, iv, tag, sealed] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(appSecret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

// ---- recovery codes -----------------------------------------------------------------------

/** Letters and digits that cannot be misread for one another (no 0/o, 1/l/i). */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/** `xxxxx-xxxxx`: ten characters of a 31-letter alphabet, about 50 bits. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
    return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
  });
}

/** A typed recovery code in its stored form: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(typed: string): string | null {
  const bare = typed.toLowerCase().replace(/[\s-]+/g, "");
  if (bare.length !== 10 || [...bare].some((c) => !ALPHABET.includes(c))) return null;
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** A six-digit authenticator code, or else perhaps a recovery code. */
export function looksLikeTotp(typed: string): boolean {
  return /^\d{6}$/.test(typed.replace(/\s+/g, ""));
}
