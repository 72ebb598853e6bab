import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { articleContentHash } from "@/lib/domain/article";
import {
  EXTRACTOR_VERSION,
  limitClaims,
  type ExtractionResult,
} from "@/lib/domain/extraction/extract";
import { extractArticle } from "@/lib/domain/extraction/languages";
import { settings } from "@/lib/settings";
import { quoteSelector } from "@/lib/domain/extraction/selector";
import { uuidv7 } from "@/lib/domain/ids";
import { matchFields } from "@/lib/domain/matching";
import { flagCheckedBefore } from "./matching";
import type { ArticleInput } from "@/lib/validation/article";
import type { Actor } from "./actor";
import { recordAudit } from "./audit";

export type ImportOutcome =
  | { status: "imported"; articleId: string; title: string; claims: number }
  | { status: "duplicate"; articleId: string; title: string };

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The transaction of a store outside the workers (the seed, tests, the benchmark, queueing
 * many items): longer than Prisma's default of 5 s. A worker's store has its own budget
 * (CLAIMDESK_STORE_TIMEOUT_MS, within its item's lease: lib/domain/budgets.ts).
 */
export const STORE_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

/**
 * Imports one validated article, extracting its claims in this process. For trusted,
 * small inputs only (the seed, tests, the benchmark's generator): every import from a
 * person or a file goes through the job queue, where extraction runs in a worker thread
 * with a time budget (lib/jobs).
 */
export async function importArticle(
  input: ArticleInput,
  actor: Actor,
  db: PrismaClient = prisma,
): Promise<ImportOutcome> {
  const existing = await findDuplicateArticle(db, input.body);
  if (existing) return existing;
  const extraction = limitClaims(
    extractArticle(input.body, {
      declared: input.language,
      fallback: settings().CLAIMDESK_DEFAULT_LANGUAGE,
    }),
  );
  try {
    return await db.$transaction(
      (tx) => storeArticle(tx, input, extraction, actor),
      STORE_TRANSACTION,
    );
  } catch (error) {
    // Two imports of the same text at once: the second finds the first.
    const winner = isUniqueViolation(error) ? await findDuplicateArticle(db, input.body) : null;
    if (winner) return winner;
    throw error;
  }
}

/**
 * The stored article with the same text (ignoring spacing and case), or from the same
 * canonical address, if any.
 */
export async function findDuplicateArticle(
  db: Db,
  body: string,
  canonicalUrl?: string,
): Promise<Extract<ImportOutcome, { status: "duplicate" }> | null> {
  const existing = await db.article.findFirst({
    where: {
      OR: [{ contentHash: articleContentHash(body) }, ...(canonicalUrl ? [{ canonicalUrl }] : [])],
    },
    select: { id: true, title: true },
  });
  return existing ? { status: "duplicate", articleId: existing.id, title: existing.title } : null;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Stores an article with its extracted claims and speakers and the audit event, inside
 * the caller's transaction. The caller has checked for a duplicate; the unique content
 * hash refuses one that slipped in meanwhile. `matchLater`: the claims are looked for
 * among the approved ones after the transaction, in batches (matchArticleClaims; what a
 * worker does, so that a 2,000-claim article's store stays short); else inside it.
 */
export async function storeArticle(
  tx: Prisma.TransactionClient,
  input: ArticleInput,
  extraction: ExtractionResult,
  actor: Actor,
  { matchLater = false }: { matchLater?: boolean } = {},
): Promise<Extract<ImportOutcome, { status: "imported" }>> {
  const article = await tx.article.create({
    data: {
      title: input.title,
      url: input.url ?? null,
      canonicalUrl: input.canonicalUrl ?? null,
      outlet: input.outlet ?? null,
      author: input.author ?? null,
      publishedAt: input.publishedAt ?? null,
      // As the extraction decided it (given, detected or the default), else as given.
      language: extraction.language ?? input.language ?? "en",
      languageSource: extraction.languageSource ?? (input.language ? "DECLARED" : "DEFAULT"),
      body: input.body,
      contentHash: articleContentHash(input.body),
      extractorVersion: EXTRACTOR_VERSION,
      importedById: actor.userId,
      checkedBeforeAt: matchLater ? null : new Date(),
    },
  });
  const speakerIds = await storeSpeakers(tx, article.id, extraction.speakers);
  await storeClaims(tx, article.id, input.body, extraction, speakerIds, actor, {
    checkedBefore: !matchLater,
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action: "article.import",
    entity: "Article",
    entityId: article.id,
    after: {
      title: article.title,
      url: article.url,
      claims: extraction.claims.length,
      ...(extraction.found ? { claimsFound: extraction.found } : {}),
      extractorVersion: EXTRACTOR_VERSION,
    },
  });
  return {
    status: "imported",
    articleId: article.id,
    title: article.title,
    claims: extraction.claims.length,
  };
}

/** The longest speaker name and title stored (longer ones are cut to this). */
const SPEAKER_TEXT_MAX = 300;

/**
 * The extraction's speakers as rows of the article, by index into `speakers`. Names are
 * unique per article as stored, that is after cutting them to their maximum length, so
 * two long names alike in their first 300 characters are one row. Rows already there (a
 * re-extraction) are reused.
 */
export async function storeSpeakers(
  tx: Prisma.TransactionClient,
  articleId: string,
  speakers: ExtractionResult["speakers"],
): Promise<string[]> {
  if (speakers.length === 0) return [];
  const rows = speakers.map((speaker) => ({
    name: speaker.name.slice(0, SPEAKER_TEXT_MAX),
    title: speaker.title?.slice(0, SPEAKER_TEXT_MAX) ?? null,
    type: speaker.isPerson ? "PERSON" : null,
    aliases: speaker.aliases.slice(0, 20),
  }));
  // The first speaker of each name (as stored) makes its row.
  const firsts = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!firsts.has(row.name)) firsts.set(row.name, row);
  const wanted = [...firsts.values()];
  // One statement: each name the article lacks is inserted, and every name's id comes back.
  const stored = await tx.$queryRaw<Array<{ id: string; name: string }>>`
    WITH wanted AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb)
               AS w(name text, title text, type text, aliases text[])
    ),
    inserted AS (
      INSERT INTO "Speaker" (id, "articleId", name, title, type, aliases)
      SELECT gen_random_uuid(), ${articleId}::uuid, w.name, w.title, w.type::"ClaimantType",
             COALESCE(w.aliases, '{}')
        FROM wanted w
       WHERE NOT EXISTS (SELECT 1 FROM "Speaker" s
                          WHERE s."articleId" = ${articleId}::uuid AND s.name = w.name)
      RETURNING id, name
    )
    SELECT id, name FROM inserted
    UNION ALL
    SELECT s.id, s.name FROM "Speaker" s
     WHERE s."articleId" = ${articleId}::uuid AND s.name IN (SELECT name FROM wanted)`;
  const ids = new Map(stored.map((s) => [s.name, s.id]));
  return rows.map((row) => ids.get(row.name)!);
}

/**
 * Creates the rows of extracted claims, flagging those that match an approved claim
 * (unless `checkedBefore` is false: the caller matches them later).
 */
export async function storeClaims(
  tx: Prisma.TransactionClient,
  articleId: string,
  body: string,
  extraction: Pick<ExtractionResult, "claims" | "speakers">,
  speakerIds: string[],
  actor: Actor,
  { checkedBefore = true }: { checkedBefore?: boolean } = {},
): Promise<string[]> {
  // One statement for all of them, its rows as one JSON parameter (Prisma's createMany
  // spent seconds of the event loop building 2,000 rows' parameters).
  const rows = extraction.claims.map((claim) => {
    const selector = quoteSelector(body, claim.start, claim.end);
    return {
      id: uuidv7(),
      text: claim.text,
      start: claim.start,
      end: claim.end,
      quoteExact: selector.exact,
      quotePrefix: selector.prefix,
      quoteSuffix: selector.suffix,
      kind: claim.kind,
      ...extractedFields(claim, extraction.speakers, speakerIds),
    };
  });
  if (rows.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "Claim" (id, "articleId", text, start, "end", "quoteExact", "quotePrefix",
             "quoteSuffix", kind, origin, "createdById", "updatedAt", ${EXTRACTED_NAMES})
      SELECT r.id, ${articleId}::uuid, r.text, r.start, r."end", r."quoteExact", r."quotePrefix",
             r."quoteSuffix", r.kind::"ClaimKind", 'EXTRACTED', ${actor.userId}::uuid, now(),
             ${EXTRACTED_VALUES}
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
             id uuid, text text, start int, "end" int, "quoteExact" text, "quotePrefix" text,
             "quoteSuffix" text, kind text, ${EXTRACTED_TYPES})`;
  }
  // "Checked before?": the new claims against the approved ones, in one statement.
  const ids = rows.map((row) => row.id);
  if (checkedBefore) await flagCheckedBefore(tx, ids);
  return ids;
}

/**
 * What extraction says of a claim beyond its span: speaker, cue, score, match text and the
 * claimant it suggests. Written at import, and again by re-extraction for untouched claims.
 */
export function extractedFields(
  claim: ExtractionResult["claims"][number],
  speakers: ExtractionResult["speakers"],
  speakerIds: string[],
) {
  const speaker = claim.speakerRef === null ? null : speakers[claim.speakerRef]!;
  return {
    // The statement within the span (its offsets are the body's, like the span's).
    content: claim.text.slice(claim.content.start - claim.start, claim.content.end - claim.start),
    contentStart: claim.content.start,
    contentEnd: claim.content.end,
    speakerId: claim.speakerRef === null ? null : speakerIds[claim.speakerRef]!,
    speakerStart: claim.speaker?.start ?? null,
    speakerEnd: claim.speaker?.end ?? null,
    cueText: claim.cue?.text ?? null,
    cueStart: claim.cue?.start ?? null,
    cueEnd: claim.cue?.end ?? null,
    checkworthiness: claim.checkworthiness,
    checkworthinessBy: claim.checkworthinessBy ?? "WORDS",
    ...matchFields(claim.text),
    claimantName: speaker?.name ?? null,
    claimantRole: speaker?.title ?? null,
    claimantType: speaker?.isPerson ? ("PERSON" as const) : null,
  };
}

/**
 * The columns extractedFields writes: their names, their values read from a recordset `r`
 * (with the casts they need), and the recordset's declaration of them.
 */
const EXTRACTED = [
  ["content", "text"],
  ["contentStart", "int"],
  ["contentEnd", "int"],
  ["speakerId", "uuid"],
  ["speakerStart", "int"],
  ["speakerEnd", "int"],
  ["cueText", "text"],
  ["cueStart", "int"],
  ["cueEnd", "int"],
  ["checkworthiness", "double precision"],
  ["checkworthinessBy", "text"],
  ["matchText", "text"],
  ["matchBands", "int[]"],
  ["claimantName", "text"],
  ["claimantRole", "text"],
  ["claimantType", "text"],
] as const;
const EXTRACTED_NAMES = Prisma.raw(EXTRACTED.map(([name]) => `"${name}"`).join(", "));
const CASTS: Record<string, string> = {
  claimantType: "ClaimantType",
  checkworthinessBy: "CheckworthinessScorer",
};
const castOf = (name: string) => (CASTS[name] ? `r."${name}"::"${CASTS[name]}"` : `r."${name}"`);
const EXTRACTED_VALUES = Prisma.raw(EXTRACTED.map(([name]) => castOf(name)).join(", "));
const EXTRACTED_TYPES = Prisma.raw(EXTRACTED.map(([name, type]) => `"${name}" ${type}`).join(", "));
const EXTRACTED_SET = Prisma.raw(
  EXTRACTED.map(([name]) => `"${name}" = ${castOf(name)}`).join(", "),
);

/** Writes what extraction says of each claim (extractedFields) to claims already stored, in one statement. */
export async function updateExtractedFields(
  tx: Prisma.TransactionClient,
  rows: Array<{ id: string } & ReturnType<typeof extractedFields>>,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Claim" c SET ${EXTRACTED_SET}, "updatedAt" = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, ${EXTRACTED_TYPES})
     WHERE c.id = r.id`;
}

export async function listArticles({ take = 100 }: { take?: number } = {}) {
  return prisma.article.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      title: true,
      outlet: true,
      url: true,
      publishedAt: true,
      createdAt: true,
      _count: { select: { claims: true } },
    },
  });
}

export async function getArticleById(articleId: string) {
  return prisma.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      title: true,
      outlet: true,
      author: true,
      url: true,
      publishedAt: true,
      body: true,
      language: true,
      languageSource: true,
      createdAt: true,
      importedBy: { select: { name: true } },
    },
  });
}

export async function listArticleClaims(articleId: string) {
  return prisma.claim.findMany({
    where: { articleId },
    orderBy: [{ start: "asc" }, { id: "asc" }],
    select: {
      id: true,
      text: true,
      start: true,
      end: true,
      kind: true,
      state: true,
      checkworthiness: true,
      checkworthinessBy: true,
      cueText: true,
      speaker: { select: { name: true, title: true } },
    },
  });
}

/** The languages the desk's articles are in (tags as stored), most common first. */
export async function listArticleLanguages(): Promise<string[]> {
  const rows = await prisma.article.groupBy({
    by: ["language"],
    _count: { _all: true },
    orderBy: [{ _count: { language: "desc" } }, { language: "asc" }],
  });
  return rows.map((r) => r.language);
}

export async function getArticleTitle(articleId: string): Promise<string | null> {
  const article = await prisma.article.findUnique({
    where: { id: articleId },
    select: { title: true },
  });
  return article?.title ?? null;
}
