import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { settings } from "@/lib/settings";

/**
 * The one Prisma client of a process, kept on globalThis so that hot reload in
 * development does not open a new pool on every edit. Only lib/data (and the tests'
 * fixtures) import it: an ESLint rule keeps it that way.
 */
function createPrismaClient(connectionString = settings().DATABASE_URL) {
  const adapter = new PrismaPg({
    connectionString,
    max: settings().DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

export { createPrismaClient };
export type { PrismaClient };
