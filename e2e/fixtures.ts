import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { createClaim, createUser } from "@/seeds/factories";
import type { Role } from "@/lib/domain/roles";

export { expect };

/** The database of the server under test: the embedded one that `npm start` made for e2e. */
function e2eDatabaseUrl(): string {
  const config = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../.data/e2e/embedded-postgres.json"), "utf8"),
  ) as { port: number; password: string };
  return `postgresql://postgres:${encodeURIComponent(config.password)}@127.0.0.1:${config.port}/claimdesk`;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  role: Role;
}

type Db = ReturnType<typeof createPrismaClient>;

export const test = base.extend<
  {
    makeUser: (role?: Role, options?: { disabled?: boolean }) => Promise<TestUser>;
    makeClaim: (options?: Parameters<typeof createClaim>[1]) => Promise<{ id: string }>;
  },
  { db: Db }
>({
  // One database connection per worker, for the factories.
  db: [
    async ({}, provide) => {
      const prisma = createPrismaClient(e2eDatabaseUrl());
      await provide(prisma);
      await prisma.$disconnect();
    },
    { scope: "worker" },
  ],
  makeUser: async ({ db }, provide) => {
    await provide(async (role = "REVIEWER", options = {}) => createUser(db, { role, ...options }));
  },
  makeClaim: async ({ db }, provide) => {
    await provide(async (options = {}) => createClaim(db, options));
  },
});

/** Logs in through the real form, as a person would. */
export async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
