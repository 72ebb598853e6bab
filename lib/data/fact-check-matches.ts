import "server-only";
import { prisma } from "@/lib/db";
import { Prisma, type MatchJudgement } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { CHECKWORTHY_THRESHOLD } from "@/lib/domain/extraction/checkworthiness";
import { uuidv7 } from "@/lib/domain/ids";
import { hasRole } from "@/lib/domain/roles";
import { recordAudit } from "./audit";
import { changeClaim } from "./claim-writer";
import { EVIDENCE_SELECT, evidenceSummary } from "./review-input";
import type { SessionUser } from "./users";

/**
 * Claims' matches in the fact-check library ("checked before, anywhere"): stored by the
 * workers at import (lib/jobs/library-matcher.ts), read on the claim page, the queue and
 * the overview, judged by reviewers (Same claim / Not the same: labelled pairs for
 * tuning) and adopted as evidence.
 */

export interface LibraryMatchRow {
  claimId: string;
  factCheckId: string;
  score: number;
  lexical: number;
  semantic: number | null;
  stage: "lexical" | "semantic" | "both" | "fused";
  repeat: boolean;
}

/**
 * The claims among `claimIds` matched against the library: the check-worthy ones, and
 * those a person added by hand; each with what it claims: its content (the statement
 * without its attribution), else its text.
 */
export async function claimsToMatch(claimIds: string[]) {
  const claims = await prisma.claim.findMany({
    where: {
      id: { in: claimIds },
      OR: [{ checkworthiness: { gte: CHECKWORTHY_THRESHOLD } }, { origin: "MANUAL" }],
    },
    select: { id: true, text: true, content: true },
    orderBy: { id: "asc" },
  });
  return claims.map((c) => ({ id: c.id, text: c.content ?? c.text }));
}

/**
 * The claims among `claimIds` whose check-worthiness the words model gave (added or edited
 * by hand, or stored while the encoder could not run), with the text the encoder model
 * judges and the version it was read at.
 */
export async function claimsToJudge(claimIds: string[]) {
  const claims = await prisma.claim.findMany({
    where: { id: { in: claimIds }, checkworthinessBy: "WORDS" },
    select: { id: true, text: true, content: true, version: true },
    orderBy: { id: "asc" },
  });
  return claims.map((c) => ({ id: c.id, version: c.version, text: c.content ?? c.text }));
}

/**
 * Stores the encoder model's scores, one statement: a claim changed since it was read (its
 * version moved on) keeps what its change gave it. The version is not advanced (a score is
 * not an edit: a reviewer's open form stays current). Returns how many were written.
 */
export async function saveJudgedCheckworthiness(
  rows: ReadonlyArray<{ id: string; version: number; score: number }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE "Claim" c SET checkworthiness = r.score, "checkworthinessBy" = 'ENCODER'
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.version)}::int[],
                  ${rows.map((r) => r.score)}::float8[]) AS r(id, version, score)
     WHERE c.id = r.id AND c.version = r.version AND c."checkworthinessBy" = 'WORDS'`;
}

/**
 * Stores matches, one statement: a pair matched again keeps its judgement and takes the
 * new scores. Returns how many were written.
 */
export async function saveLibraryMatches(rows: readonly LibraryMatchRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <T>(pick: (r: LibraryMatchRow) => T) => rows.map(pick);
  return prisma.$executeRaw`
    INSERT INTO "FactCheckMatch"
      (id, "claimId", "factCheckId", score, lexical, semantic, stage, repeat)
    SELECT id, "claimId", "factCheckId", score, lexical, semantic, stage::"MatchStage", repeat
      FROM unnest(${column(() => uuidv7())}::uuid[], ${column((r) => r.claimId)}::uuid[],
                  ${column((r) => r.factCheckId)}::uuid[], ${column((r) => r.score)}::float8[],
                  ${column((r) => r.lexical)}::float8[], ${column((r) => r.semantic)}::float8[],
                  ${column((r) => r.stage.toUpperCase())}::text[], ${column((r) => r.repeat)}::bool[])
        AS m(id, "claimId", "factCheckId", score, lexical, semantic, stage, repeat)
    ON CONFLICT ("claimId", "factCheckId") DO UPDATE
      SET score = EXCLUDED.score, lexical = EXCLUDED.lexical, semantic = EXCLUDED.semantic,
          stage = EXCLUDED.stage, repeat = EXCLUDED.repeat`;
}

/** What the claim page shows of each match. */
const MATCH_SELECT = {
  id: true,
  score: true,
  stage: true,
  repeat: true,
  judgement: true,
  judgedAt: true,
  judgedBy: { select: { name: true } },
  factCheck: {
    select: {
      id: true,
      url: true,
      claim: true,
      title: true,
      ratingName: true,
      publisher: true,
      claimant: true,
      reviewedAt: true,
      source: true,
      claimId: true,
      deskClaim: {
        select: {
          id: true,
          approvedAt: true,
          speaker: { select: { name: true } },
          article: { select: { outlet: true, title: true } },
        },
      },
      _count: { select: { revisions: true } },
    },
  },
} as const satisfies Prisma.FactCheckMatchSelect;

export type ClaimLibraryMatch = Prisma.FactCheckMatchGetPayload<{ select: typeof MATCH_SELECT }>;

/** A claim's matches in the library, best first; those judged "Not the same" last. */
export async function listClaimLibraryMatches(claimId: string): Promise<ClaimLibraryMatch[]> {
  const matches = await prisma.factCheckMatch.findMany({
    where: { claimId },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    select: MATCH_SELECT,
  });
  return [
    ...matches.filter((m) => m.judgement !== "NOT_SAME"),
    ...matches.filter((m) => m.judgement === "NOT_SAME"),
  ];
}

/**
 * A reviewer's word on a match: the same claim, or not (null takes it back). Stored with
 * who and when, audited on the claim in the same transaction. Any reviewer may judge a
 * match of any claim: it is a label for tuning, not a change of the claim's review.
 */
export async function judgeLibraryMatch(
  user: SessionUser,
  input: { matchId: string; judgement: MatchJudgement | null },
) {
  if (!hasRole(user.role, "REVIEWER")) {
    throw new AppError("FORBIDDEN", "Only the desk's reviewers and editors judge matches.");
  }
  return prisma.$transaction(async (tx) => {
    const match = await tx.factCheckMatch.findUnique({
      where: { id: input.matchId },
      select: { id: true, claimId: true, factCheckId: true, judgement: true },
    });
    if (!match) throw new AppError("NOT_FOUND", "This match no longer exists.");
    if (match.judgement === input.judgement) return { id: match.id, judgement: match.judgement };
    await tx.factCheckMatch.update({
      where: { id: match.id },
      data: {
        judgement: input.judgement,
        judgedById: input.judgement ? user.id : null,
        judgedAt: input.judgement ? new Date() : null,
      },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.match.judge",
      entity: "Claim",
      entityId: match.claimId,
      before: { factCheckId: match.factCheckId, judgement: match.judgement },
      after: { factCheckId: match.factCheckId, judgement: input.judgement },
    });
    return { id: match.id, judgement: input.judgement };
  });
}

/**
 * A match added to the claim's evidence in one click: the fact-check's page, as context
 * from a secondary source, titled by its publisher and rating. A change of the claim's
 * review (its assignee or an editor, while in review, at the version read); a claim of
 * two blind reviews takes evidence in each reviewer's own review instead.
 */
export async function adoptLibraryMatch(
  user: SessionUser,
  input: { matchId: string; version: number },
) {
  const match = await prisma.factCheckMatch.findUnique({
    where: { id: input.matchId },
    select: {
      claimId: true,
      factCheck: {
        select: {
          url: true,
          claim: true,
          title: true,
          ratingName: true,
          publisher: true,
          reviewedAt: true,
        },
      },
    },
  });
  if (!match) throw new AppError("NOT_FOUND", "This match no longer exists.");
  const fc = match.factCheck;
  if (!fc.url) {
    throw new AppError("INVALID_STATE", "This fact-check has no page to cite as evidence.");
  }
  const url = fc.url;
  return prisma.$transaction(async (tx) => {
    const { version } = await changeClaim(
      tx,
      user,
      { id: match.claimId, version: input.version },
      {
        action: "review",
        audit: "claim.review",
        select: {
          doubleReview: true,
          evidence: { orderBy: { position: "asc" }, select: EVIDENCE_SELECT },
        },
        check: (claim) => {
          if (claim.doubleReview) {
            throw new AppError(
              "INVALID_STATE",
              "This claim has two blind reviews: add the fact-check as evidence in your review.",
            );
          }
          if (claim.evidence.some((e) => e.url === url)) {
            throw new AppError("INVALID_STATE", "This fact-check is already in the evidence.");
          }
        },
        afterWrite: async (claim) => {
          const rating = fc.ratingName ? `rated ${fc.ratingName}` : "checked";
          const date = fc.reviewedAt ? ` on ${fc.reviewedAt.toISOString().slice(0, 10)}` : "";
          const added = {
            url,
            title: fc.title ?? `Fact-check: ${fc.claim}`.slice(0, 300),
            publisher: fc.publisher,
            excerpt: `“${fc.claim}”, ${rating}${date}.`.slice(0, 2000),
            stance: "CONTEXT" as const,
            sourceType: "SECONDARY" as const,
          };
          await tx.evidence.create({
            data: {
              ...added,
              claimId: claim.id,
              position: claim.evidence.length,
              addedById: user.id,
            },
          });
          return {
            before: { evidence: evidenceSummary(claim.evidence) },
            after: {
              evidence: evidenceSummary([...claim.evidence, added]),
              adoptedMatch: input.matchId,
            },
          };
        },
      },
    );
    return { id: match.claimId, version };
  });
}

/** A repeat: a new claim matching a verdict the desk approved, as the overview and the API list it. */
export interface RepeatRow {
  claimId: string;
  claimText: string;
  speaker: string | null;
  outlet: string | null;
  articleTitle: string | null;
  createdAt: Date;
  score: number;
  earlierClaimId: string;
  earlierText: string;
  rating: string | null;
  ratedAt: Date | null;
  url: string | null;
}

/** Repeats found in the last `days`, newest first, at most `limit`; "Not the same" ones left out. */
export async function listRepeats({
  days = 7,
  limit = 50,
}: {
  days?: number;
  limit?: number;
}): Promise<RepeatRow[]> {
  const since = new Date(Date.now() - days * 86_400_000);
  return prisma.$queryRaw<RepeatRow[]>`
    SELECT c.id AS "claimId", c.text AS "claimText", s.name AS speaker, a.outlet,
           a.title AS "articleTitle", m."createdAt", m.score,
           f."claimId" AS "earlierClaimId", f.claim AS "earlierText", f."ratingName" AS rating,
           f."reviewedAt" AS "ratedAt", f.url
      FROM "FactCheckMatch" m
      JOIN "Claim" c ON c.id = m."claimId"
      JOIN "FactCheck" f ON f.id = m."factCheckId"
      LEFT JOIN "Speaker" s ON s.id = c."speakerId"
      LEFT JOIN "Article" a ON a.id = c."articleId"
     WHERE m.repeat AND m."createdAt" >= ${since}
       AND m.judgement IS DISTINCT FROM 'NOT_SAME'
       AND c.state <> 'DISMISSED'
     ORDER BY m."createdAt" DESC, m.id
     LIMIT ${limit}`;
}

/** Judged pairs for tuning the matcher: the claim, the fact-check, the scores and the label. */
export async function listJudgedPairs() {
  return prisma.factCheckMatch.findMany({
    where: { judgement: { not: null } },
    orderBy: [{ judgedAt: "asc" }, { id: "asc" }],
    select: {
      claimId: true,
      score: true,
      lexical: true,
      semantic: true,
      stage: true,
      judgement: true,
      judgedAt: true,
      claim: { select: { text: true, content: true } },
      factCheck: { select: { key: true, claim: true } },
    },
  });
}
