import { z } from "zod";

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email address is too long")
  .pipe(z.email("Enter a valid email address"));

export const credentialsInput = z.object({
  email,
  // Argon2 hashes any length, but a bound keeps one request from costing seconds of CPU.
  password: z.string().min(1, "Enter your password").max(1024, "Password is too long"),
  // The second step of a sign-in with two-factor on: six digits or a recovery code. next-auth
  // sends every field, an empty one as "".
  code: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((code) => code || undefined),
});

/** A code from an authenticator app, typed on the account page. */
export const appCodeInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{3}$/, "Type the six digits your app shows")
    .transform((code) => code.replace(" ", "")),
});

export type CredentialsInput = z.infer<typeof credentialsInput>;

export const newPassword = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(1024, "Password is too long");
