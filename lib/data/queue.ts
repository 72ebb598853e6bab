import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, type QueueQuery } from "@/lib/validation/queue";
import { searchClaims, searchHeadlines } from "./search";

export const QUEUE_PAGE_SIZE = 50;

/** The queue's filters (not its search) as a claim condition. */
export function filters(
  query: Omit<QueueQuery, "q" | "after" | "sort">,
  userId: string,
): Prisma.ClaimWhereInput {
  const where: Prisma.ClaimWhereInput = {};
  if (query.state) where.state = query.state;
  // A person's claims: assigned to them, or one of their blind reviews of a claim needing
  // two. Unassigned: nobody has it, neither an assignee nor a blind reviewer.
  if (query.assignee === "unassigned") {
    where.assigneeId = null;
    where.blindReviews = { none: {} };
  } else if (query.assignee) {
    const person = query.assignee === "mine" ? userId : query.assignee;
    where.AND = [
      { OR: [{ assigneeId: person }, { blindReviews: { some: { reviewerId: person } } }] },
    ];
  }
  if (query.verdict) where.verdictId = query.verdict;
  if (query.article) where.articleId = query.article;
  if (query.language) where.article = { language: query.language };
  if (query.speaker) {
    where.OR = [
      { speaker: { name: { contains: query.speaker, mode: "insensitive" } } },
      { claimantName: { contains: query.speaker, mode: "insensitive" } },
    ];
  }
  if (query.from || query.to) {
    where.createdAt = {
      ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
      ...(query.to
        ? { lt: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) }
        : {}),
    };
  }
  if (query.min !== undefined) where.checkworthiness = { gte: query.min };
  if (query.checked) {
    // A library match nobody called "not the same" (a repeat, for "repeat"), or for "yes"
    // also an approved claim of the desk's that it closely matches.
    const library: Prisma.ClaimWhereInput = {
      factCheckMatches: {
        some: {
          OR: [{ judgement: null }, { judgement: "SAME" }],
          ...(query.checked === "repeat" ? { repeat: true } : {}),
        },
      },
    };
    const condition =
      query.checked === "repeat"
        ? library
        : { OR: [library, { matchedClaim: { state: "APPROVED" as const } }] };
    where.AND = [...((where.AND as Prisma.ClaimWhereInput[] | undefined) ?? []), condition];
  }
  return where;
}

/** Keyset pagination: the rows after the cursor in the chosen order, never an OFFSET. */
function afterCursor(query: QueueQuery): {
  where: Prisma.ClaimWhereInput;
  orderBy: Prisma.ClaimOrderByWithRelationInput[];
} {
  switch (query.sort) {
    case "newest": {
      const orderBy = [{ createdAt: "desc" as const }, { id: "desc" as const }];
      const cursor = decodeCursor(query.after, "date");
      if (!cursor) return { where: {}, orderBy };
      const at = cursor.key;
      return {
        where: { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }] },
        orderBy,
      };
    }
    case "oldest": {
      const orderBy = [{ createdAt: "asc" as const }, { id: "asc" as const }];
      const cursor = decodeCursor(query.after, "date");
      if (!cursor) return { where: {}, orderBy };
      const at = cursor.key;
      return {
        where: { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: cursor.id } }] },
        orderBy,
      };
    }
    default: {
      const orderBy = [{ checkworthiness: "desc" as const }, { id: "asc" as const }];
      const cursor = decodeCursor(query.after, "number");
      if (!cursor) return { where: {}, orderBy };
      return {
        where: {
          OR: [
            { checkworthiness: { lt: cursor.key } },
            { checkworthiness: cursor.key, id: { gt: cursor.id } },
          ],
        },
        orderBy,
      };
    }
  }
}

const ROW_SELECT = {
  id: true,
  text: true,
  state: true,
  version: true,
  checkworthiness: true,
  checkworthinessBy: true,
  createdAt: true,
  dueAt: true,
  matchScore: true,
  matchedClaim: { select: { id: true, state: true, verdict: { select: { label: true } } } },
  factCheckMatches: {
    where: { OR: [{ judgement: null }, { judgement: "SAME" }] },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    take: 1,
    select: { repeat: true, factCheck: { select: { publisher: true, ratingName: true } } },
  },
  article: { select: { id: true, title: true, language: true } },
  speaker: { select: { name: true } },
  assignee: { select: { id: true, name: true } },
  verdict: { select: { label: true } },
  doubleReview: true,
  // Who took a claim needing two reviews (their names only: never their reviews).
  blindReviews: {
    orderBy: [{ takenAt: "asc" }, { id: "asc" }],
    select: { reviewer: { select: { name: true } } },
  },
} satisfies Prisma.ClaimSelect;

/**
 * A search ranks by relevance: the best matches (within the filters) on one page, each with
 * its highlighted snippet. Without a search, the queue pages by keyset.
 */
export async function listQueue(query: QueueQuery, userId: string) {
  if (query.q) {
    const hits = await searchClaims(query.q);
    const where = filters(query, userId);
    // The ranked claims that pass the filters (an id-only read, when there are filters),
    // then the rows and snippets of the first page only.
    const matching = new Set(
      Object.keys(where).length === 0
        ? hits.map((h) => h.id)
        : (
            await prisma.claim.findMany({
              where: { AND: [where, { id: { in: hits.map((h) => h.id) } }] },
              select: { id: true },
            })
          ).map((r) => r.id),
    );
    const shown = hits.filter((h) => matching.has(h.id)).slice(0, QUEUE_PAGE_SIZE);
    const ids = shown.map((h) => h.id);
    const [rows, headlines] = await Promise.all([
      prisma.claim.findMany({ where: { id: { in: ids } }, select: ROW_SELECT }),
      searchHeadlines(query.q, ids),
    ]);
    const rank = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    return {
      rows: rows.map((r) => ({ ...r, headline: headlines.get(r.id) ?? null })),
      next: null,
      total: matching.size,
    };
  }
  const keyset = afterCursor(query);
  const rows = await prisma.claim.findMany({
    where: { AND: [filters(query, userId), keyset.where] },
    orderBy: keyset.orderBy,
    take: QUEUE_PAGE_SIZE + 1,
    select: ROW_SELECT,
  });
  const hasMore = rows.length > QUEUE_PAGE_SIZE;
  const page = hasMore ? rows.slice(0, QUEUE_PAGE_SIZE) : rows;
  const last = page.at(-1);
  const next =
    hasMore && last
      ? encodeCursor({
          key: query.sort === "checkworthy" ? last.checkworthiness : last.createdAt.toISOString(),
          id: last.id,
        })
      : null;
  return {
    rows: page.map((r) => ({ ...r, headline: null as string | null })),
    next,
    total: null as number | null,
  };
}
