import "server-only";
import { prisma } from "@/lib/db";
import { requestLog } from "@/lib/request-log";

export interface DatabaseHealth {
  ok: boolean;
  latencyMs: number;
  migrations?: number;
  error?: string;
}

export async function checkDatabase(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const rows = await prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    return {
      ok: true,
      latencyMs: Math.round(performance.now() - started),
      migrations: Number(rows[0]?.count ?? 0),
    };
  } catch (error) {
    // The reason goes to the server log; the public endpoint only says it is down.
    (await requestLog()).warn({ err: error }, "health check: the database did not answer");
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: "unreachable" };
  }
}
