import { describe, expect, it } from "vitest";
import {
  checkTotp,
  hashRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  openSecret,
  sealSecret,
  secondFactorRequired,
  totpCode,
} from "./two-factor";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const APP_SECRET = "an-app-secret-of-at-least-32-characters";

describe("time-based codes (RFC 6238)", () => {
  it("matches the RFC's test vectors (the last six of its eight digits)", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
    expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe("005924");
    expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe("279037");
  });

  it("accepts one step either side, later than the last step used, and six digits only", () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), null, now)).toBe(step);
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), null, now)).toBe(step - 1);
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), null, now)).toBe(step + 1);
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 90_000), null, now)).toBeNull();
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), step, now)).toBeNull();
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), step - 1, now)).toBe(step);
    const spaced = totpCode(RFC_SECRET, now).replace(/^(\d{3})/, "$1 ");
    expect(checkTotp(RFC_SECRET, spaced, null, now)).toBe(step);
    expect(checkTotp(RFC_SECRET, "12345", null, now)).toBeNull();
    expect(checkTotp(RFC_SECRET, "abcdef", null, now)).toBeNull();
  });
});

describe("the sealed secret", () => {
  it("opens with the same app secret only, and not once tampered with", () => {
    const sealed = sealSecret(RFC_SECRET, APP_SECRET);
    expect(sealed).not.toContain(RFC_SECRET);
    expect(sealSecret(RFC_SECRET, APP_SECRET)).not.toBe(sealed); // a fresh IV each time
    expect(openSecret(sealed, APP_SECRET)).toBe(RFC_SECRET);
    expect(openSecret(sealed, `${APP_SECRET}x`)).toBeNull();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(openSecret(parts.join("."), APP_SECRET)).toBeNull();
    expect(openSecret("plain", APP_SECRET)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes of an unambiguous alphabet, read back however typed", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
      expect(normaliseRecoveryCode(code.toUpperCase().replace("-", " "))).toBe(code);
    }
    expect(normaliseRecoveryCode("abcde-fghi1")).toBeNull(); // 1 is not in the alphabet
    expect(normaliseRecoveryCode("abcde")).toBeNull();
    expect(hashRecoveryCode(codes[0]!)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("who must have a second factor", () => {
  it("follows the setting: admins by default, everyone, or nobody", () => {
    expect(secondFactorRequired("ADMIN", "admins")).toBe(true);
    expect(secondFactorRequired("EDITOR", "admins")).toBe(false);
    expect(secondFactorRequired("REVIEWER", "all")).toBe(true);
    expect(secondFactorRequired("ADMIN", "off")).toBe(false);
  });
});
