import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { hasRole } from "@/lib/domain/roles";
import type { FeedEntryRef } from "@/lib/domain/import/feed";
import { insertJobs, leaseSeconds, newJob, QUEUES, type FeedJob } from "@/lib/jobs/queue";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./articles";
import { queueItemsIn, sqlRunner, urlItem } from "./imports";

/**
 * News feeds an editor follows. Workers poll each on its schedule (lib/jobs/feed-jobs.ts):
 * a conditional GET through the safe fetcher, and every entry not seen before becomes an
 * import of its address, in a batch of the feed's own. A feed that keeps failing backs
 * off: the interval doubles with each failure in a row, up to a day.
 */

export const MAX_BACKOFF_MINUTES = 24 * 60;

function requireEditor(user: SessionUser) {
  if (!hasRole(user.role, "EDITOR")) throw new AppError("FORBIDDEN", "Only editors manage feeds.");
}

/** The feed's pause state, or NOT_FOUND. */
async function findFeed(tx: Prisma.TransactionClient, feedId: string) {
  const feed = await tx.feed.findUnique({ where: { id: feedId }, select: { pausedAt: true } });
  if (!feed) throw new AppError("NOT_FOUND", "That feed no longer exists.");
  return feed;
}

/**
 * The next poll of a feed whose poll job was just queued: a lease ahead, so that the
 * schedule (queueDueFeeds) does not queue a second one meanwhile; the job sets the real one.
 */
const afterQueuedPoll = () => new Date(Date.now() + leaseSeconds() * 2 * 1000);

const pollJob = (feedId: string) => newJob<FeedJob>(QUEUES.pollFeed, { feedId });

/** Follows a feed; it is polled at once, then every `intervalMinutes`. */
export async function addFeed(
  user: SessionUser,
  input: { url: string; intervalMinutes: number },
  db: PrismaClient = prisma,
) {
  requireEditor(user);
  try {
    return await db.$transaction(async (tx) => {
      const feed = await tx.feed.create({
        data: {
          url: input.url,
          intervalMinutes: input.intervalMinutes,
          createdById: user.id,
          nextPollAt: afterQueuedPoll(),
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "feed.add",
        entity: "Feed",
        entityId: feed.id,
        after: { url: input.url, intervalMinutes: input.intervalMinutes },
      });
      await insertJobs(sqlRunner(tx), [pollJob(feed.id)]);
      return { id: feed.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("VALIDATION", "That feed is followed already.", {
        url: "Followed already",
      });
    }
    throw error;
  }
}

/** Pauses a feed (no more polls) or resumes it (polled at once). */
export async function setFeedPaused(
  user: SessionUser,
  input: { feedId: string; paused: boolean },
  db: PrismaClient = prisma,
) {
  requireEditor(user);
  return db.$transaction(async (tx) => {
    const feed = await findFeed(tx, input.feedId);
    await tx.feed.update({
      where: { id: input.feedId },
      data: input.paused
        ? { pausedAt: feed.pausedAt ?? new Date() }
        : { pausedAt: null, failures: 0, nextPollAt: afterQueuedPoll() },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: input.paused ? "feed.pause" : "feed.resume",
      entity: "Feed",
      entityId: input.feedId,
      before: { paused: feed.pausedAt !== null },
      after: { paused: input.paused },
    });
    if (!input.paused) await insertJobs(sqlRunner(tx), [pollJob(input.feedId)]);
    return { paused: input.paused };
  });
}

/** Polls a feed now, whatever its schedule (a paused feed stays paused). */
export async function pollFeedNow(
  user: SessionUser,
  input: { feedId: string },
  db: PrismaClient = prisma,
) {
  requireEditor(user);
  return db.$transaction(async (tx) => {
    const feed = await findFeed(tx, input.feedId);
    if (feed.pausedAt) throw new AppError("INVALID_STATE", "Resume the feed to poll it.");
    await tx.feed.update({ where: { id: input.feedId }, data: { nextPollAt: afterQueuedPoll() } });
    await insertJobs(sqlRunner(tx), [pollJob(input.feedId)]);
    return { queued: true };
  });
}

/** Every feed with its schedule, its last error and how many of its entries were imported. */
export async function listFeeds(db: PrismaClient = prisma) {
  const [feeds, counts] = await Promise.all([
    db.feed.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        url: true,
        title: true,
        intervalMinutes: true,
        pausedAt: true,
        lastPolledAt: true,
        lastSuccessAt: true,
        nextPollAt: true,
        lastError: true,
        failures: true,
        createdBy: { select: { name: true } },
      },
    }),
    db.$queryRaw<Array<{ feedId: string; entries: bigint; imported: bigint; pending: bigint }>>`
      SELECT e."feedId", count(*) AS entries,
             count(*) FILTER (WHERE i.status = 'IMPORTED') AS imported,
             count(*) FILTER (WHERE i.status IN ('QUEUED', 'RUNNING')) AS pending
      FROM "FeedEntry" e LEFT JOIN "ImportItem" i ON i.id = e."importItemId"
      GROUP BY e."feedId"`,
  ]);
  const byFeed = new Map(counts.map((c) => [c.feedId, c]));
  return feeds.map((feed) => {
    const c = byFeed.get(feed.id);
    return {
      ...feed,
      entries: Number(c?.entries ?? 0),
      imported: Number(c?.imported ?? 0),
      pending: Number(c?.pending ?? 0),
    };
  });
}

/**
 * Feeds due for a poll, each with a job, taken under SKIP LOCKED so that any number of
 * workers can run this at once; each taken feed's next poll moves a lease ahead (its job
 * then sets the real one).
 */
export async function queueDueFeeds(limit = 50, db: PrismaClient = prisma): Promise<number> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE "Feed" SET "nextPollAt" = now() + make_interval(secs => ${leaseSeconds() * 2})
      WHERE id IN (
        SELECT id FROM "Feed"
        WHERE "pausedAt" IS NULL AND "nextPollAt" <= now()
        ORDER BY "nextPollAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    await insertJobs(
      sqlRunner(tx),
      due.map((f) => pollJob(f.id)),
    );
    return due.length;
  });
}

/** What a poll needs of its feed; null when it is gone or paused. */
export async function feedForPoll(feedId: string, db: PrismaClient = prisma) {
  return db.feed.findFirst({
    where: { id: feedId, pausedAt: null },
    select: {
      id: true,
      url: true,
      title: true,
      etag: true,
      lastModified: true,
      intervalMinutes: true,
    },
  });
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/**
 * A poll that worked: the entries not seen before are recorded and queued for import by
 * address (one batch, labelled with the feed), the validators kept for the next
 * conditional GET, the next poll scheduled; all in one transaction. Returns how many
 * entries were new.
 */
export async function recordFeedPoll(
  feedId: string,
  result: {
    title?: string | null;
    etag: string | null;
    lastModified: string | null;
    entries: FeedEntryRef[];
  },
  db: PrismaClient = prisma,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const feed = await tx.feed.findUniqueOrThrow({
      where: { id: feedId },
      select: { title: true, url: true, intervalMinutes: true, createdById: true },
    });
    const fresh = result.entries.length
      ? await tx.$queryRaw<Array<{ id: string; url: string }>>`
          INSERT INTO "FeedEntry" (id, "feedId", key, url, title)
          SELECT gen_random_uuid(), ${feedId}::uuid, e.key, e.url, e.title
          FROM jsonb_to_recordset(${JSON.stringify(result.entries)}::jsonb) AS e(key text, url text, title text)
          ON CONFLICT ("feedId", key) DO NOTHING
          RETURNING id, url`
      : [];
    if (fresh.length > 0) {
      const title = result.title ?? feed.title ?? feed.url;
      const batch = await tx.importBatch.create({
        data: { createdById: feed.createdById, label: `feed: ${title}`.slice(0, 300) },
        select: { id: true },
      });
      const itemIds = await queueItemsIn(
        tx,
        batch.id,
        0,
        fresh.map((e) => urlItem(e.url)),
      );
      await tx.$executeRaw`
        UPDATE "FeedEntry" AS e SET "importItemId" = v.item::uuid
        FROM unnest(${fresh.map((e) => e.id)}::uuid[], ${itemIds}::text[]) AS v(entry, item)
        WHERE e.id = v.entry`;
    }
    await tx.feed.update({
      where: { id: feedId },
      data: {
        title: result.title ?? feed.title,
        etag: result.etag,
        lastModified: result.lastModified,
        lastPolledAt: new Date(),
        lastSuccessAt: new Date(),
        lastError: null,
        failures: 0,
        nextPollAt: minutesFromNow(feed.intervalMinutes),
      },
    });
    return fresh.length;
  });
}

/** A poll that failed: the error kept for the Feeds page, the next poll backed off. */
export async function recordFeedFailure(
  feedId: string,
  error: string,
  db: PrismaClient = prisma,
): Promise<void> {
  const feed = await db.feed.findUnique({
    where: { id: feedId },
    select: { intervalMinutes: true, failures: true },
  });
  if (!feed) return;
  const failures = feed.failures + 1;
  const wait = Math.min(feed.intervalMinutes * 2 ** Math.min(failures, 16), MAX_BACKOFF_MINUTES);
  await db.feed.update({
    where: { id: feedId },
    data: {
      failures,
      lastError: error.slice(0, 1000),
      lastPolledAt: new Date(),
      nextPollAt: minutesFromNow(wait),
    },
  });
}
