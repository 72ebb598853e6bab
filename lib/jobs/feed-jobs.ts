import { feedForPoll, recordFeedFailure, recordFeedPoll } from "@/lib/data/feeds";
import { FEED_TYPES, FetchError, safeFetch } from "@/lib/fetch/safe-fetch";
import { BudgetError, type DocumentPool } from "./pool";

/** A feed is at most this large; entries beyond the first hundred are left for the next poll. */
const MAX_FEED_BYTES = 5 * 1024 * 1024;

export type FeedPollResult =
  | { status: "skipped" }
  | { status: "not-modified" }
  | { status: "polled"; fresh: number }
  | { status: "failed"; error: string };

/**
 * One poll of a feed: a conditional GET (its last ETag and Last-Modified) through the safe
 * fetcher, the text read in a worker thread (feedsmith), the new entries queued for import
 * by address. Every failure (unreachable, refused, not a feed) is recorded on the feed,
 * which backs off; an error of the database is thrown, for the queue to retry.
 */
export async function runFeedPoll(feedId: string, pool: DocumentPool): Promise<FeedPollResult> {
  const feed = await feedForPoll(feedId);
  if (!feed) return { status: "skipped" };
  const fail = async (error: string) => {
    await recordFeedFailure(feed.id, error);
    return { status: "failed" as const, error };
  };
  let fetched;
  try {
    fetched = await safeFetch(feed.url, {
      accept: FEED_TYPES,
      kind: "a feed",
      maxBytes: MAX_FEED_BYTES,
      etag: feed.etag,
      lastModified: feed.lastModified,
    });
  } catch (error) {
    if (error instanceof FetchError) return fail(error.message);
    throw error;
  }
  if (fetched.notModified) {
    await recordFeedPoll(feed.id, {
      etag: fetched.etag ?? feed.etag,
      lastModified: fetched.lastModified ?? feed.lastModified,
      entries: [],
    });
    return { status: "not-modified" };
  }
  let read;
  try {
    read = await pool.readFeed(fetched.url, fetched.text);
  } catch (error) {
    if (error instanceof BudgetError) return fail(`the feed ${error.message}`);
    throw error;
  }
  if (!read.ok) return fail(`${fetched.url} ${read.error}`);
  const fresh = await recordFeedPoll(feed.id, {
    title: read.feed.title,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    entries: read.feed.entries,
  });
  return { status: "polled", fresh };
}
