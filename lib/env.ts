import { z } from "zod";

/** The server's environment, validated once at start (instrumentation.ts). */
const serverEnv = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL"),
  NEXTAUTH_SECRET: z
    .string({ error: "NEXTAUTH_SECRET is not set" })
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  CLAIMDESK_PUBLIC_URL: z.url().optional(),
});

export type ServerEnv = z.infer<typeof serverEnv>;

export function parseServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const result = serverEnv.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => issue.message).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data;
}
