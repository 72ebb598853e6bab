import "server-only";
import { prisma } from "@/lib/db";
import { DEMO_USERS } from "@/seeds/demo";
import { seedDatabase, type SeedResult } from "@/seeds/seed";
import { closeExportConnections } from "./export-stream";
import { backfillMatchText } from "./matching";

/**
 * What `npm start` does to a migrated database before the app serves it: seeds the
 * verdict vocabulary (and the demo users and articles into an empty embedded database, or
 * when asked), and prepares claims stored before similarity matching existed.
 */
export async function prepareDatabase(options: {
  embedded: boolean;
  seedDemo: boolean;
}): Promise<{ seeded: SeedResult; matchPrepared: number; demoUsers: number }> {
  const seedDemo = options.seedDemo || (options.embedded && (await prisma.user.count()) === 0);
  const seeded = await seedDatabase(prisma, { demo: seedDemo });
  const matchPrepared = await backfillMatchText(prisma);
  const demoUsers = await prisma.user.count({
    where: { email: { in: DEMO_USERS.map((u) => u.email) } },
  });
  return { seeded, matchPrepared, demoUsers };
}

/** Closes this process's database connections (the end of a command-line run). */
export async function closeDatabase(): Promise<void> {
  await closeExportConnections();
  await prisma.$disconnect();
}
