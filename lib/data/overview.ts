import "server-only";
import { prisma } from "@/lib/db";
import { CLAIM_STATES, type ClaimState } from "@/lib/domain/claims";

export async function countClaimsByState(): Promise<Record<ClaimState, number>> {
  const groups = await prisma.claim.groupBy({ by: ["state"], _count: { _all: true } });
  const counts = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0])) as Record<ClaimState, number>;
  for (const g of groups) counts[g.state] = g._count._all;
  return counts;
}

export async function countArticles(): Promise<number> {
  return prisma.article.count();
}

export interface DeskOverview {
  waitingPerReviewer: Array<{ name: string; count: number }>;
  /** The ten most overdue claims… */
  overdue: Array<{ id: string; text: string; dueAt: Date; assignee: string | null }>;
  /** …and how many there are in all. */
  overdueCount: number;
  approvedThisWeek: number;
  medianHoursToApproval: number | null;
  approvedPerDay: Array<{ day: string; count: number }>;
  verdicts: Array<{ label: string; count: number }>;
}

/** The figures of the overview page, each one query, run together. */
export async function deskOverview(now = new Date()): Promise<DeskOverview> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const overdueWhere = {
    dueAt: { lt: now },
    state: { in: ["NEW" as const, "IN_REVIEW" as const] },
  };
  const [waiting, overdue, overdueCount, approvedThisWeek, median, perDay, verdicts] =
    await Promise.all([
      prisma.$queryRaw<{ name: string; count: bigint }[]>`
      SELECT u.name, count(*) AS count FROM "Claim" c JOIN "User" u ON u.id = c."assigneeId"
      WHERE c.state = 'IN_REVIEW' GROUP BY u.name ORDER BY count DESC, u.name LIMIT 20`,
      prisma.claim.findMany({
        where: overdueWhere,
        orderBy: { dueAt: "asc" },
        take: 10,
        select: { id: true, text: true, dueAt: true, assignee: { select: { name: true } } },
      }),
      prisma.claim.count({ where: overdueWhere }),
      prisma.claim.count({ where: { state: "APPROVED", approvedAt: { gte: weekAgo } } }),
      prisma.$queryRaw<{ hours: number | null }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c."approvedAt" - a."createdAt") / 3600) AS hours
      FROM "Claim" c JOIN "Article" a ON a.id = c."articleId"
      WHERE c.state = 'APPROVED' AND c."approvedAt" IS NOT NULL`,
      prisma.$queryRaw<{ day: Date; count: bigint }[]>`
      SELECT d::date AS day, count(c.id) AS count
      FROM generate_series(date_trunc('day', ${now}::timestamptz) - interval '29 days', date_trunc('day', ${now}::timestamptz), interval '1 day') AS d
      LEFT JOIN "Claim" c ON c.state = 'APPROVED' AND c."approvedAt" >= d AND c."approvedAt" < d + interval '1 day'
      GROUP BY d ORDER BY d`,
      prisma.$queryRaw<{ label: string; count: bigint }[]>`
      SELECT v.label, count(*) AS count FROM "Claim" c JOIN "Verdict" v ON v.id = c."verdictId"
      WHERE c.state = 'APPROVED' GROUP BY v.label, v."order" ORDER BY v."order"`,
    ]);
  return {
    waitingPerReviewer: waiting.map((w) => ({ name: w.name, count: Number(w.count) })),
    overdue: overdue.map((o) => ({
      id: o.id,
      text: o.text,
      dueAt: o.dueAt!,
      assignee: o.assignee?.name ?? null,
    })),
    overdueCount,
    approvedThisWeek,
    medianHoursToApproval:
      median[0]?.hours === null || median[0]?.hours === undefined ? null : Number(median[0].hours),
    approvedPerDay: perDay.map((d) => ({
      day: d.day.toISOString().slice(0, 10),
      count: Number(d.count),
    })),
    verdicts: verdicts.map((v) => ({ label: v.label, count: Number(v.count) })),
  };
}
