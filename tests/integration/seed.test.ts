import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { seedDatabase } from "@/seeds/seed";
import { DEFAULT_VERDICTS, DEMO_USERS } from "@/seeds/demo";
import { verifyPassword } from "@/lib/auth/password";
import { withEmptyDatabase } from "../support/databases";

const clients: Array<ReturnType<typeof createPrismaClient>> = [];
afterAll(async () => Promise.all(clients.map((c) => c.$disconnect())));

describe("seeding", () => {
  it("adds only the verdict vocabulary unless demo data is asked for, then adds it once", async () => {
    await withEmptyDatabase(async (url) => {
      await migrate(url);
      const prisma = createPrismaClient(url);
      clients.push(prisma);

      expect(await seedDatabase(prisma, { demo: false })).toEqual({
        verdicts: DEFAULT_VERDICTS.length,
        users: 0,
        articles: 0,
      });
      expect(await prisma.user.count()).toBe(0);

      expect(await seedDatabase(prisma, { demo: true })).toEqual({
        verdicts: 0,
        users: DEMO_USERS.length,
        articles: 1,
      });
      expect(await seedDatabase(prisma, { demo: true })).toEqual({
        verdicts: 0,
        users: 0,
        articles: 0,
      });

      const article = await prisma.article.findFirstOrThrow();
      expect(article.body).toContain("Kremlin spokesman Dmitry Peskov said.");
      for (const demo of DEMO_USERS) {
        const user = await prisma.user.findUniqueOrThrow({ where: { email: demo.email } });
        expect(user.role).toBe(demo.role);
        expect(user.passwordHash).toMatch(/^\$argon2id\$/);
        expect(await verifyPassword(user.passwordHash!, demo.password)).toBe(true);
      }
      // Every seeded row has its audit event.
      expect(await prisma.auditEvent.count()).toBe(DEFAULT_VERDICTS.length + DEMO_USERS.length + 1);
      await prisma.$disconnect();
    });
  });
});
