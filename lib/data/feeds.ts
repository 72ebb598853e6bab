import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { FeedEntryRef } from "@/lib/domain/import/feed";
import { requireUserRole, type SessionUser } from "./users";
import { recordAudit } from "./audit";
import { recordEvent } from "./outbox";
import { isUniqueViolation } from "./articles";
import { queueItemsIn, urlItem } from "./import-batches";

/**
 * News feeds an editor follows. Workers poll each on its schedule (lib/jobs/feed-jobs.ts):
 * a conditional GET through the safe fetcher, and every entry not seen before becomes an
 * import of its address, in a batch of the feed's own (for a feed of fact-checks, the
 * page's ClaimReview records go into the fact-check library instead of the desk). A feed that keeps failing backs
 * off: the interval doubles with each failure in a row, up to a day.
 */

export const MAX_BACKOFF_MINUTES = 24 * 60;

const requireEditor = (user: SessionUser) => requireUserRole(user, "EDITOR", "manage feeds");

/** The feed's pause state, or NOT_FOUND. */
async function findFeed(tx: Prisma.TransactionClient, feedId: string) {
  const feed = await tx.feed.findUnique({ where: { id: feedId }, select: { pausedAt: true } });
  if (!feed) throw new AppError("NOT_FOUND", "That feed no longer exists.");
  return feed;
}

/** Follows a feed; it is polled at once (its next poll is due now), then every `intervalMinutes`. */
export async function addFeed(
  user: SessionUser,
  input: { url: string; intervalMinutes: number; factChecks?: boolean },
  db: PrismaClient = prisma,
) {
  requireEditor(user);
  try {
    return await db.$transaction(async (tx) => {
      const feed = await tx.feed.create({
        data: {
          url: input.url,
          intervalMinutes: input.intervalMinutes,
          factChecks: input.factChecks ?? false,
          createdById: user.id,
          nextPollAt: new Date(),
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "feed.add",
        entity: "Feed",
        entityId: feed.id,
        after: {
          url: input.url,
          intervalMinutes: input.intervalMinutes,
          factChecks: input.factChecks ?? false,
        },
      });
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
        : { pausedAt: null, failures: 0, nextPollAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: input.paused ? "feed.pause" : "feed.resume",
      entity: "Feed",
      entityId: input.feedId,
      before: { paused: feed.pausedAt !== null },
      after: { paused: input.paused },
    });
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
    await tx.feed.update({ where: { id: input.feedId }, data: { nextPollAt: new Date() } });
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
        lastNote: true,
        failures: true,
        factChecks: true,
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

/** A feed's poll taken by a worker: its fencing token (the poll's number) and lease. */
export interface ClaimedPoll {
  id: string;
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  intervalMinutes: number;
  attempt: number;
  leaseUntil: Date;
}

/**
 * Takes the feed most overdue for a poll, under SKIP LOCKED so that any number of workers
 * can look at once: its poll runs under a lease (a worker lost mid-poll leaves the feed due
 * again when the lease passes) and a fencing token that its writes must present.
 */
export async function takeDueFeed(
  { leaseMs }: { leaseMs: number },
  db: PrismaClient = prisma,
): Promise<ClaimedPoll | null> {
  const rows = await db.$queryRaw<
    Array<
      Omit<ClaimedPoll, "attempt" | "leaseUntil"> & { pollAttempts: number; pollingUntil: Date }
    >
  >`
    UPDATE "Feed" f
       SET "pollAttempts" = f."pollAttempts" + 1,
           "pollingUntil" = now() + make_interval(secs => ${leaseMs / 1000})
     WHERE f.id = (SELECT d.id FROM "Feed" d
                    WHERE d."pausedAt" IS NULL AND d."nextPollAt" <= now()
                      AND (d."pollingUntil" IS NULL OR d."pollingUntil" <= now())
                    ORDER BY d."nextPollAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING f.id, f.url, f.title, f.etag, f."lastModified", f."intervalMinutes",
              f."pollAttempts", f."pollingUntil"`;
  const row = rows[0];
  if (!row) return null;
  const { pollAttempts, pollingUntil, ...feed } = row;
  return { ...feed, attempt: pollAttempts, leaseUntil: pollingUntil };
}

/** The feed, locked, while this poll still holds it (its attempt, within its lease); else null. */
async function heldFeed(tx: Prisma.TransactionClient, poll: Pick<ClaimedPoll, "id" | "attempt">) {
  const [feed] = await tx.$queryRaw<
    Array<{
      title: string | null;
      url: string;
      intervalMinutes: number;
      failures: number;
      createdById: string | null;
    }>
  >`
    SELECT title, url, "intervalMinutes", failures, "createdById" FROM "Feed"
     WHERE id = ${poll.id}::uuid AND "pollAttempts" = ${poll.attempt}
       AND "pollingUntil" > clock_timestamp()
     FOR UPDATE`;
  return feed ?? null;
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/**
 * A poll that worked: the entries not seen before are recorded and queued for import by
 * address (one batch, labelled with the feed, after what people sent), the validators
 * kept for the next conditional GET, the next poll scheduled; all in one transaction, and
 * only while this poll holds the feed. Returns how many entries were new (null: the poll
 * no longer held the feed, and nothing was written).
 */
export async function recordFeedPoll(
  poll: Pick<ClaimedPoll, "id" | "attempt">,
  result: {
    title?: string | null;
    etag: string | null;
    lastModified: string | null;
    entries: FeedEntryRef[];
    /** What the reader left out, for the Feeds page ("2 entries skipped: …"). */
    note?: string | null;
  },
  db: PrismaClient = prisma,
): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const feed = await heldFeed(tx, poll);
    if (!feed) return null;
    const fresh = result.entries.length
      ? await tx.$queryRaw<Array<{ id: string; url: string }>>`
          INSERT INTO "FeedEntry" (id, "feedId", key, url, title)
          SELECT gen_random_uuid(), ${poll.id}::uuid, e.key, e.url, e.title
          FROM jsonb_to_recordset(${JSON.stringify(result.entries)}::jsonb) AS e(key text, url text, title text)
          ON CONFLICT ("feedId", key) DO NOTHING
          RETURNING id, url`
      : [];
    if (fresh.length > 0) {
      const title = result.title ?? feed.title ?? feed.url;
      const batch = {
        createdById: feed.createdById,
        label: `feed: ${title}`.slice(0, FEED_FIELD_LIMITS.label),
      };
      const { id } = await tx.importBatch.create({ data: batch, select: { id: true } });
      const itemIds = await queueItemsIn(
        tx,
        { id, ...batch },
        0,
        fresh.map((e) => urlItem(e.url)),
        { priority: 1 },
      );
      await tx.$executeRaw`
        UPDATE "FeedEntry" AS e SET "importItemId" = v.item::uuid
        FROM unnest(${fresh.map((e) => e.id)}::uuid[], ${itemIds}::text[]) AS v(entry, item)
        WHERE e.id = v.entry`;
    }
    await tx.feed.update({
      where: { id: poll.id },
      data: {
        title: (result.title ?? feed.title)?.slice(0, FEED_FIELD_LIMITS.title) ?? null,
        etag: fieldOrNull(result.etag, FEED_FIELD_LIMITS.validator),
        lastModified: fieldOrNull(result.lastModified, FEED_FIELD_LIMITS.validator),
        lastPolledAt: new Date(),
        lastSuccessAt: new Date(),
        lastError: null,
        lastNote: result.note?.slice(0, FEED_FIELD_LIMITS.message) ?? null,
        failures: 0,
        pollingUntil: null,
        nextPollAt: minutesFromNow(feed.intervalMinutes),
      },
    });
    return fresh.length;
  });
}

/**
 * The longest value stored of each feed field: what a feed sends is cut (titles, labels,
 * messages) or dropped (a validator longer than any server sends is not one).
 */
export const FEED_FIELD_LIMITS = { title: 300, label: 300, validator: 500, message: 1000 };

const fieldOrNull = (value: string | null, limit: number) =>
  value && value.length <= limit ? value : null;

/**
 * A poll that failed: the error kept for the Feeds page, the next poll backed off (only
 * while this poll holds the feed; false otherwise).
 */
export async function recordFeedFailure(
  poll: Pick<ClaimedPoll, "id" | "attempt">,
  error: string,
  db: PrismaClient = prisma,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const feed = await heldFeed(tx, poll);
    if (!feed) return false;
    const failures = feed.failures + 1;
    const wait = Math.min(feed.intervalMinutes * 2 ** Math.min(failures, 16), MAX_BACKOFF_MINUTES);
    await tx.feed.update({
      where: { id: poll.id },
      data: {
        failures,
        lastError: error.slice(0, FEED_FIELD_LIMITS.message),
        lastNote: null,
        lastPolledAt: new Date(),
        pollingUntil: null,
        nextPollAt: minutesFromNow(wait),
      },
    });
    // The third failure in a row tells the feed's owner (once, until it works again).
    if (failures === FAILING_AFTER) {
      await recordEvent(tx, {
        name: "feed.failing",
        claimId: null,
        actorId: null,
        payload: {
          ...(feed.createdById ? { ownerId: feed.createdById } : {}),
          subject: `“${feed.title ?? feed.url}”`,
          reason: error.slice(0, 300),
        },
      });
    }
    return true;
  });
}

/** Failed polls in a row after which a feed's owner is told. */
export const FAILING_AFTER = 3;
