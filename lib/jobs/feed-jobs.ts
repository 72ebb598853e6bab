import { recordFeedFailure, recordFeedPoll, type ClaimedPoll } from "@/lib/data/feeds";
import { FEED_TYPES, FetchError, safeFetch } from "@/lib/fetch/safe-fetch";
import { BudgetError } from "./pool";
import { itemDeadline, type ImportContext } from "./import-jobs";

/** A feed is at most this large; entries beyond the first hundred are left for the next poll. */
const MAX_FEED_BYTES = 5 * 1024 * 1024;

export type FeedPollResult =
  | { status: "skipped" }
  | { status: "not-modified" }
  | { status: "polled"; fresh: number }
  | { status: "failed"; error: string };

/**
 * One poll of a feed the worker holds: a conditional GET (its last ETag and Last-Modified)
 * through the safe fetcher, the text read in a worker thread (feedsmith), the new entries
 * queued for import by address. Every failure (unreachable, refused, not a feed) is
 * recorded on the feed, which backs off; an error of the database is thrown, and the feed
 * is due again when the poll's lease passes. Every write is fenced by the poll's attempt:
 * "skipped" means the poll no longer held the feed and wrote nothing.
 */
export async function runFeedPoll(poll: ClaimedPoll, ctx: ImportContext): Promise<FeedPollResult> {
  const deadline = itemDeadline(poll.leaseUntil, ctx.stop);
  const fail = async (error: string) =>
    (await recordFeedFailure(poll, error))
      ? { status: "failed" as const, error }
      : { status: "skipped" as const };
  let fetched;
  try {
    fetched = await safeFetch(poll.url, {
      accept: FEED_TYPES,
      kind: "a feed",
      maxBytes: MAX_FEED_BYTES,
      timeoutMs: ctx.budgets.fetchMs,
      etag: poll.etag,
      lastModified: poll.lastModified,
      signal: deadline,
    });
  } catch (error) {
    // Stopped by the worker stopping: nothing recorded; the feed is due again after its lease.
    if (error instanceof FetchError && !ctx.stop?.aborted) return fail(error.message);
    throw error;
  }
  if (fetched.notModified) {
    const recorded = await recordFeedPoll(poll, {
      etag: fetched.etag ?? poll.etag,
      lastModified: fetched.lastModified ?? poll.lastModified,
      entries: [],
    });
    return recorded === null ? { status: "skipped" } : { status: "not-modified" };
  }
  const release = ctx.threadFor ? await ctx.threadFor(deadline) : () => {};
  let read;
  try {
    read = await ctx.pool.readFeed(fetched.url, fetched.text, deadline);
  } catch (error) {
    if (error instanceof BudgetError) return fail(`the feed ${error.message}`);
    throw error;
  } finally {
    release();
  }
  if (!read.ok) return fail(`${fetched.url} ${read.error}`);
  const fresh = await recordFeedPoll(poll, {
    title: read.feed.title,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    entries: read.feed.entries,
    note: read.feed.note,
  });
  return fresh === null ? { status: "skipped" } : { status: "polled", fresh };
}
