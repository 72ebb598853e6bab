import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Worker processes' heartbeats, so that the app can say when no worker is running. */

type Db = PrismaClient | Prisma.TransactionClient;

export interface WorkerInfo {
  id: string;
  hostname: string;
  pid: number;
  threads: number;
  startedAt: Date;
}

export async function recordWorkerHeartbeat(worker: WorkerInfo, db: Db = prisma): Promise<void> {
  await db.workerHeartbeat.upsert({
    where: { id: worker.id },
    create: { ...worker, seenAt: new Date() },
    update: { seenAt: new Date() },
  });
}

export async function removeWorkerHeartbeat(id: string, db: Db = prisma): Promise<void> {
  await db.workerHeartbeat.deleteMany({ where: { id } });
}

/** Workers seen in the last `seconds` (heartbeats come every 10 s). */
export async function liveWorkers(seconds = 30, db: Db = prisma): Promise<number> {
  return db.workerHeartbeat.count({
    where: { seenAt: { gte: new Date(Date.now() - seconds * 1000) } },
  });
}
