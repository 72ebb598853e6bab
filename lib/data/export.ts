import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ExportClaim } from "@/lib/domain/export/types";
import type { ExportFilter } from "@/lib/validation/export";

const BATCH = 500;

const SELECT = {
  id: true,
  text: true,
  shortText: true,
  kind: true,
  state: true,
  start: true,
  end: true,
  claimantName: true,
  claimantRole: true,
  claimantType: true,
  appearanceUrl: true,
  appearanceDate: true,
  firstAppearanceUrl: true,
  firstAppearanceDate: true,
  rationale: true,
  approvedAt: true,
  correctedAt: true,
  article: { select: { title: true, url: true, outlet: true, publishedAt: true } },
  speaker: { select: { name: true, title: true } },
  verdict: { select: { label: true, ratingValue: true } },
  approvedBy: { select: { name: true } },
  evidence: {
    orderBy: { position: "asc" as const },
    select: {
      url: true,
      archivedUrl: true,
      title: true,
      publisher: true,
      stance: true,
      sourceType: true,
    },
  },
  reviews: {
    orderBy: { submittedAt: "desc" as const },
    take: 1,
    select: { reviewer: { select: { name: true } } },
  },
} satisfies Prisma.ClaimSelect;

type Row = Prisma.ClaimGetPayload<{ select: typeof SELECT }>;

export function exportWhere(filter: ExportFilter): Prisma.ClaimWhereInput {
  const where: Prisma.ClaimWhereInput = {};
  if (filter.state !== "ALL") where.state = filter.state;
  const dateField = filter.state === "APPROVED" ? "approvedAt" : "createdAt";
  if (filter.from || filter.to) {
    where[dateField] = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to
        ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) }
        : {}),
    };
  }
  if (filter.article) where.articleId = filter.article;
  if (filter.verdict) where.verdictId = filter.verdict;
  if (filter.reviewer) where.reviews = { some: { reviewerId: filter.reviewer } };
  return where;
}

function toExport(row: Row, appBase: string): ExportClaim {
  return {
    id: row.id,
    text: row.text,
    shortText: row.shortText,
    kind: row.kind,
    state: row.state,
    speakerName: row.claimantName ?? row.speaker?.name ?? null,
    speakerRole: row.claimantRole ?? row.speaker?.title ?? null,
    claimantType: row.claimantType,
    appearanceUrl: row.appearanceUrl,
    appearanceDate: row.appearanceDate?.toISOString() ?? null,
    firstAppearanceUrl: row.firstAppearanceUrl,
    firstAppearanceDate: row.firstAppearanceDate?.toISOString() ?? null,
    articleTitle: row.article?.title ?? null,
    articleUrl: row.article?.url ?? null,
    articleOutlet: row.article?.outlet ?? null,
    articlePublishedAt: row.article?.publishedAt?.toISOString() ?? null,
    start: row.start,
    end: row.end,
    verdictLabel: row.verdict?.label ?? null,
    verdictRatingValue: row.verdict?.ratingValue ?? null,
    rationale: row.rationale,
    evidence: row.evidence,
    reviewer: row.reviews[0]?.reviewer.name ?? null,
    approver: row.approvedBy?.name ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    corrected: row.state === "APPROVED" && row.correctedAt !== null,
    appUrl: `${appBase.replace(/\/$/, "")}/claims/${row.id}`,
  };
}

/** Every matching claim, read in id order in batches: memory stays flat at any volume. */
export async function* exportClaims(
  filter: ExportFilter,
  appBase: string,
): AsyncGenerator<ExportClaim> {
  const where = exportWhere(filter);
  let after: string | undefined;
  for (;;) {
    const rows = await prisma.claim.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      orderBy: { id: "asc" },
      take: BATCH,
      select: SELECT,
    });
    for (const row of rows) yield toExport(row, appBase);
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.id;
  }
}

/** One page of claims for the API, with the cursor of the next page. */
export async function claimsPageForApi(
  filter: ExportFilter,
  limit: number,
  after: string | undefined,
  appBase: string,
) {
  const rows = await prisma.claim.findMany({
    where: after ? { AND: [exportWhere(filter), { id: { gt: after } }] } : exportWhere(filter),
    orderBy: { id: "asc" },
    take: limit + 1,
    select: SELECT,
  });
  const page = rows.slice(0, limit);
  return {
    data: page.map((r) => toExport(r, appBase)),
    next: rows.length > limit ? page.at(-1)!.id : null,
  };
}
