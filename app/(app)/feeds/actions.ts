"use server";

import { runAction } from "@/lib/actions";
import { addFeed, pollFeedNow, setFeedPaused } from "@/lib/data/feeds";
import { feedInput, feedPauseInput, feedRefInput } from "@/lib/validation/article";

export async function addFeedAction(input: unknown) {
  return runAction("EDITOR", feedInput, input, addFeed);
}

export async function setFeedPausedAction(input: unknown) {
  return runAction("EDITOR", feedPauseInput, input, setFeedPaused);
}

export async function pollFeedNowAction(input: unknown) {
  return runAction("EDITOR", feedRefInput, input, pollFeedNow);
}
