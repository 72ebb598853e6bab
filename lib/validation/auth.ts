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
});

export type CredentialsInput = z.infer<typeof credentialsInput>;

export const newPassword = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(1024, "Password is too long");
