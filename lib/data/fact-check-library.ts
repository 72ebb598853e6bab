import "server-only";
import { prisma } from "@/lib/db";
import type { FactCheckSource, Prisma } from "@/lib/generated/prisma/client";
import { libraryKey, type FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { uuidv7 } from "@/lib/domain/ids";
import { settings } from "@/lib/settings";
import { recordAudit } from "./audit";
import { factCheckUrl } from "./public";

/**
 * The fact-check library: records of fact-checks, the desk's own approved verdicts and
 * other fact-checkers' (ClaimReview pages, feeds and files), deduplicated by their key
 * (the page's address; see libraryKey). Saving a record again updates it; a changed rating
 * is a correction, the old rating kept in FactCheckRevision. A record's sentence embedding
 * is computed later, by a worker (embedPendingFactChecks), and again when its claim or the
 * encoder changes.
 */

/** Records saved per transaction. */
const SAVE_BATCH = 500;

export interface SaveSummary {
  added: number;
  updated: number;
  /** Of those updated, how many changed their rating. */
  corrected: number;
  unchanged: number;
}

/** A record to save, with its library key and, for the desk's own, its claim. */
export interface LibraryEntry {
  key: string;
  record: FactCheckRecord;
  claimId?: string;
}

/** Who saves: a user, or a script or worker named by a label. */
export interface LibraryActor {
  id: string | null;
  label?: string;
}

/** A date a fact-check gives, when it reads as one (ISO, "1 May 2020"…). */
export function parseRecordDate(text: string | null): Date | null {
  if (!text) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 2200 ? new Date(ms) : null;
}

/** A text cut to `max` characters (what a hostile or broken record sends is bounded). */
const clip = (value: string | null, max: number) =>
  value && value.length > max ? `${value.slice(0, max - 1)}…` : value;

const fieldsOf = (r: FactCheckRecord) => ({
  url: r.url,
  claim: clip(r.claim, 2000)!,
  title: clip(r.title, 500),
  subtitle: clip(r.subtitle, 2000),
  ratingName: clip(r.rating, 200),
  ratingValue: r.ratingValue,
  publisher: clip(r.publisher, 300),
  claimant: clip(r.claimant, 300),
  reviewedAt: parseRecordDate(r.date),
  language: clip(r.language, 35),
});

type Fields = ReturnType<typeof fieldsOf>;

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime()
    : (a ?? null) === (b ?? null);

/** Records from a file, page or feed, by their libraryKey. */
export function entriesOf(records: readonly FactCheckRecord[]): LibraryEntry[] {
  return records.map((record) => ({ key: libraryKey(record), record }));
}

/**
 * Saves records into the library: new keys added, known ones updated where they differ
 * (a changed claim drops the embedding, to be computed again; a changed rating is kept as
 * a correction), each batch in one transaction with its audit events: one for the batch,
 * one for each correction. A key given twice keeps its last record.
 */
export async function saveFactChecks(
  entries: readonly LibraryEntry[],
  { source, origin, actor }: { source: FactCheckSource; origin: string; actor: LibraryActor },
  onProgress?: (done: number, total: number) => void,
): Promise<SaveSummary> {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const all = [...byKey.values()];
  const summary: SaveSummary = { added: 0, updated: 0, corrected: 0, unchanged: 0 };
  for (let start = 0; start < all.length; start += SAVE_BATCH) {
    const batch = all.slice(start, start + SAVE_BATCH);
    const part = await prisma.$transaction((tx) => saveBatch(tx, batch, { source, origin, actor }));
    for (const k of Object.keys(summary) as Array<keyof SaveSummary>) summary[k] += part[k];
    onProgress?.(Math.min(all.length, start + SAVE_BATCH), all.length);
  }
  return summary;
}

/**
 * saveFactChecks for a few records (a page's), in the caller's transaction: the import item
 * that read them ends in the same one.
 */
export async function saveFactChecksIn(
  tx: Prisma.TransactionClient,
  entries: readonly LibraryEntry[],
  options: { source: FactCheckSource; origin: string; actor: LibraryActor },
): Promise<SaveSummary> {
  return saveBatch(tx, [...new Map(entries.map((e) => [e.key, e])).values()], options);
}

async function saveBatch(
  tx: Prisma.TransactionClient,
  batch: LibraryEntry[],
  { source, origin, actor }: { source: FactCheckSource; origin: string; actor: LibraryActor },
): Promise<SaveSummary> {
  const summary: SaveSummary = { added: 0, updated: 0, corrected: 0, unchanged: 0 };
  // Locked, so that two imports of the same record settle one after the other.
  const keys = batch.map((e) => e.key);
  await tx.$executeRaw`SELECT 1 FROM "FactCheck" WHERE key = ANY(${keys}::text[]) FOR UPDATE`;
  const existing = new Map(
    (await tx.factCheck.findMany({ where: { key: { in: keys } } })).map((f) => [f.key, f]),
  );
  const added: Prisma.FactCheckCreateManyInput[] = [];
  for (const entry of batch) {
    const fields: Fields = fieldsOf(entry.record);
    const old = existing.get(entry.key);
    if (!old) {
      added.push({
        id: uuidv7(),
        key: entry.key,
        ...fields,
        source,
        origin,
        claimId: entry.claimId,
      });
      continue;
    }
    const changed = (Object.keys(fields) as Array<keyof Fields>).filter(
      (k) => !same(fields[k], old[k]),
    );
    if (changed.length === 0) {
      summary.unchanged++;
      continue;
    }
    summary.updated++;
    const rerated = changed.includes("ratingName") || changed.includes("ratingValue");
    if (rerated) {
      summary.corrected++;
      await tx.factCheckRevision.create({
        data: { factCheckId: old.id, ratingName: old.ratingName, ratingValue: old.ratingValue },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        actorLabel: actor.label,
        action: "factcheck.correct",
        entity: "FactCheck",
        entityId: old.id,
        before: { ratingName: old.ratingName, ratingValue: old.ratingValue },
        after: { ratingName: fields.ratingName, ratingValue: fields.ratingValue, origin },
      });
    }
    await tx.factCheck.update({
      where: { id: old.id },
      data: {
        ...fields,
        origin,
        ...(changed.includes("claim") ? { embedding: null, embeddingModel: null } : {}),
      },
    });
  }
  // A key another import added since the lock above is left to it.
  if (added.length > 0) {
    summary.added = (await tx.factCheck.createMany({ data: added, skipDuplicates: true })).count;
  }
  await recordAudit(tx, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: "factcheck.import",
    entity: "FactCheckImport",
    entityId: origin.slice(0, 500),
    after: { source, added: summary.added, updated: summary.updated, corrected: summary.corrected },
  });
  return summary;
}

/**
 * The desk's own approved verdicts into the library (source DESK, key "desk:<claim id>"):
 * claims approved since their record was saved, or without one, up to `limit` a call.
 * A verdict changed by a correction is a correction of the record too.
 */
export async function syncDeskFactChecks(limit = 500): Promise<number> {
  const due = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT c.id FROM "Claim" c LEFT JOIN "FactCheck" f ON f."claimId" = c.id
     WHERE c.state = 'APPROVED' AND (f.id IS NULL OR f."updatedAt" < c."approvedAt")
     ORDER BY c."approvedAt", c.id LIMIT ${limit}`;
  if (due.length === 0) return 0;
  const claims = await prisma.claim.findMany({
    where: { id: { in: due.map((d) => d.id) } },
    select: {
      id: true,
      text: true,
      content: true,
      shortText: true,
      claimantName: true,
      approvedAt: true,
      speaker: { select: { name: true } },
      verdict: { select: { label: true, ratingValue: true } },
      article: { select: { title: true, language: true } },
      publication: { select: { slug: true, status: true } },
    },
  });
  const publisher = settings().CLAIMDESK_ORG_NAME;
  const entries = claims.map((c): LibraryEntry => ({
    key: `desk:${c.id}`,
    claimId: c.id,
    record: {
      id: c.id,
      claim: c.shortText ?? c.content ?? c.text,
      title: c.article?.title ?? null,
      subtitle: null,
      rating: c.verdict?.label ?? null,
      ratingValue: c.verdict?.ratingValue ?? null,
      publisher,
      claimant: c.claimantName ?? c.speaker?.name ?? null,
      date: c.approvedAt?.toISOString() ?? null,
      url: c.publication?.status === "PUBLISHED" ? factCheckUrl(c.publication.slug) : null,
      language: c.article?.language ?? null,
    },
  }));
  const summary = await saveFactChecks(entries, {
    source: "DESK",
    origin: "the desk's approved verdicts",
    actor: { id: null, label: "worker" },
  });
  // A record saved unchanged still counts as synced for this approval.
  await prisma.factCheck.updateMany({
    where: { claimId: { in: claims.map((c) => c.id) } },
    data: { updatedAt: new Date() },
  });
  return summary.added + summary.updated + summary.unchanged;
}

/**
 * Embeddings for records without one of this encoder version, `batch` at a time, until
 * none is left or `limit` are done. A record whose claim changed while it was being
 * encoded keeps waiting for the next run. Returns how many were stored.
 */
export async function embedPendingFactChecks(
  encode: (texts: string[]) => Promise<Float32Array>,
  {
    model,
    dimensions,
    batch = 64,
    limit = Infinity,
  }: {
    model: string;
    dimensions: number;
    batch?: number;
    limit?: number;
  },
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  while (done < limit) {
    const rows = await prisma.factCheck.findMany({
      where: {
        id: { gt: after },
        OR: [{ embeddingModel: null }, { embeddingModel: { not: model } }],
      },
      orderBy: { id: "asc" },
      select: { id: true, claim: true },
      take: batch,
    });
    if (rows.length === 0) break;
    const vectors = await encode(rows.map((r) => r.claim));
    await prisma.$transaction(
      rows.map((r, i) =>
        prisma.factCheck.updateMany({
          where: { id: r.id, claim: r.claim },
          data: {
            embedding: new Uint8Array(vectors.slice(i * dimensions, (i + 1) * dimensions).buffer),
            embeddingModel: model,
          },
        }),
      ),
    );
    done += rows.length;
    after = rows.at(-1)!.id;
    onProgress?.(done);
  }
  return done;
}

/** How many records still wait for an embedding of `model`. */
export async function pendingEmbeddings(model: string): Promise<number> {
  return prisma.factCheck.count({
    where: { OR: [{ embeddingModel: null }, { embeddingModel: { not: model } }] },
  });
}

/**
 * What says whether the library changed since a matcher loaded it: its records' count and
 * latest change, and how many of the desk's records are of claims approved now.
 */
export async function libraryVersion(): Promise<string> {
  const [row] = await prisma.$queryRaw<Array<{ n: bigint; latest: Date | null; desk: bigint }>>`
    SELECT count(*) AS n, max("updatedAt") AS latest,
           (SELECT count(*) FROM "FactCheck" f JOIN "Claim" c ON c.id = f."claimId"
             WHERE c.state = 'APPROVED') AS desk
      FROM "FactCheck"`;
  return `${row!.n}:${row!.latest?.toISOString() ?? "-"}:${row!.desk}`;
}

/** A library record as the matcher holds it. */
export interface LoadedRecord {
  factCheckId: string;
  record: FactCheckRecord;
  /** The desk's approved claim this record is (a match to it above the threshold is a repeat). */
  deskClaimId: string | null;
}

/**
 * The records a matcher matches against, with their embeddings in one array: those
 * embedded by `model` (the rest wait for theirs), the desk's only while their claim is
 * approved. Read in pages of `page`.
 */
export async function loadLibrary(
  model: string,
  dimensions: number,
  page = 2000,
): Promise<{ records: LoadedRecord[]; vectors: Float32Array }> {
  const records: LoadedRecord[] = [];
  const parts: Uint8Array[] = [];
  for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
    const rows = await prisma.factCheck.findMany({
      where: {
        id: { gt: after },
        embeddingModel: model,
        OR: [{ claimId: null }, { deskClaim: { state: "APPROVED" } }],
      },
      orderBy: { id: "asc" },
      take: page,
      select: {
        id: true,
        key: true,
        url: true,
        claim: true,
        title: true,
        subtitle: true,
        claimId: true,
        embedding: true,
      },
    });
    for (const r of rows) {
      if (!r.embedding || r.embedding.length !== dimensions * 4) continue;
      parts.push(r.embedding);
      records.push({
        factCheckId: r.id,
        deskClaimId: r.claimId,
        record: {
          id: r.key,
          claim: r.claim,
          title: r.title,
          subtitle: r.subtitle,
          rating: null,
          ratingValue: null,
          publisher: null,
          claimant: null,
          date: null,
          url: r.url,
          language: null,
        },
      });
    }
    if (rows.length < page) break;
    after = rows.at(-1)!.id;
  }
  const vectors = new Float32Array(records.length * dimensions);
  const bytes = new Uint8Array(vectors.buffer);
  parts.forEach((p, i) => bytes.set(p, i * dimensions * 4));
  return { records, vectors };
}

export const LIBRARY_PAGE_SIZE = 50;

/**
 * The library as its page lists it, newest first, a page at a time (keyset on the id, a
 * uuid v7: the order of saving): optionally those whose claim or title holds the words of
 * `q` (full text, indexed), or of one source.
 */
export async function listLibrary({
  q,
  source,
  after,
}: {
  q?: string;
  source?: FactCheckSource;
  after?: string;
}) {
  const rows = await prisma.$queryRaw<
    Array<{
      id: string;
      url: string | null;
      claim: string;
      title: string | null;
      ratingName: string | null;
      publisher: string | null;
      reviewedAt: Date | null;
      source: FactCheckSource;
      claimId: string | null;
      embedded: boolean;
      corrections: bigint;
      matches: bigint;
    }>
  >`
    SELECT f.id, f.url, f.claim, f.title, f."ratingName", f.publisher, f."reviewedAt",
           f.source::text AS source, f."claimId", f."embeddingModel" IS NOT NULL AS embedded,
           (SELECT count(*) FROM "FactCheckRevision" r WHERE r."factCheckId" = f.id) AS corrections,
           (SELECT count(*) FROM "FactCheckMatch" m WHERE m."factCheckId" = f.id) AS matches
      FROM "FactCheck" f
     WHERE (${q ?? null}::text IS NULL
            OR to_tsvector('simple', f.claim || ' ' || coalesce(f.title, ''))
               @@ websearch_to_tsquery('simple', ${q ?? ""}))
       AND (${source ?? null}::text IS NULL OR f.source::text = ${source ?? null})
       AND (${after ?? null}::uuid IS NULL OR f.id < ${after ?? null}::uuid)
     ORDER BY f.id DESC
     LIMIT ${LIBRARY_PAGE_SIZE + 1}`;
  return {
    rows: rows.slice(0, LIBRARY_PAGE_SIZE).map((r) => ({
      ...r,
      corrections: Number(r.corrections),
      matches: Number(r.matches),
    })),
    next: rows.length > LIBRARY_PAGE_SIZE ? rows[LIBRARY_PAGE_SIZE - 1]!.id : null,
  };
}

/** How many records the library holds by source, and how many wait for an embedding. */
export async function librarySummary(model: string) {
  const [row] = await prisma.$queryRaw<
    Array<{ total: bigint; desk: bigint; others: bigint; waiting: bigint }>
  >`
    SELECT count(*) AS total, count(*) FILTER (WHERE source = 'DESK') AS desk,
           count(*) FILTER (WHERE source <> 'DESK') AS others,
           count(*) FILTER (WHERE "embeddingModel" IS DISTINCT FROM ${model}) AS waiting
      FROM "FactCheck"`;
  return {
    total: Number(row!.total),
    desk: Number(row!.desk),
    others: Number(row!.others),
    waiting: Number(row!.waiting),
  };
}
