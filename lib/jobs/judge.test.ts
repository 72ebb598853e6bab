import { describe, expect, it } from "vitest";
import { extractClaims } from "@/lib/domain/extraction/extract";
import {
  contentOf,
  JUDGE_BATCH,
  judgeExtraction,
  judgeSignal,
  judgeTexts,
  type Judge,
} from "./judge";

const article = [
  "Finance Minister Maria Costa said that inflation fell to 3 percent in March.",
  '"We will build 40,000 homes by 2030," the mayor told reporters.',
  "Unemployment doubled in the region over the past ten years.",
].join("\n\n");

/** A judge that scores a text by its length (a stand-in for the encoder), and counts its calls. */
function lengthJudge() {
  const calls: string[][] = [];
  const judge: Judge = async (texts) => {
    calls.push(texts);
    return texts.map((t) => t.length / 1000);
  };
  return { judge, calls };
}

describe("judging extracted claims by the encoder model", () => {
  it("gives each claim the judge's score of its content (not the speaker or cue) and says so", async () => {
    const extraction = extractClaims(article);
    expect(extraction.claims.length).toBeGreaterThanOrEqual(3);
    const { judge, calls } = lengthJudge();
    const judged = await judgeExtraction(extraction, judge, new AbortController().signal, () => {
      throw new Error("no error expected");
    });
    expect(calls.flat()).toEqual(extraction.claims.map(contentOf));
    expect(calls.flat()).toContain("that inflation fell to 3 percent in March");
    judged.claims.forEach((claim, i) => {
      expect(claim).toMatchObject({
        checkworthinessBy: "ENCODER",
        checkworthiness: contentOf(extraction.claims[i]!).length / 1000,
        text: extraction.claims[i]!.text,
      });
    });
    // The extraction handed in is not changed.
    expect(extraction.claims.every((c) => c.checkworthinessBy === undefined)).toBe(true);
  });

  it("keeps the words model's scores when the encoder cannot run, and says why", async () => {
    const extraction = extractClaims(article);
    const errors: unknown[] = [];
    const judged = await judgeExtraction(
      extraction,
      async () => {
        throw new Error("the sentence encoder could not be loaded");
      },
      new AbortController().signal,
      (error) => errors.push(error),
    );
    expect(judged).toBe(extraction);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/could not be loaded/);
  });

  it("stops at the signal: the batches judged by then keep their scores, the rest are null", async () => {
    const texts = Array.from({ length: JUDGE_BATCH * 3 }, (_, i) => `claim ${i}`);
    const stop = new AbortController();
    let batches = 0;
    const scores = await judgeTexts(
      async (batch, signal) => {
        batches++;
        if (batches === 2) {
          stop.abort();
          signal.throwIfAborted();
        }
        return batch.map(() => 0.5);
      },
      texts,
      stop.signal,
    );
    expect(batches).toBe(2);
    expect(scores.slice(0, JUDGE_BATCH).every((s) => s === 0.5)).toBe(true);
    expect(scores.slice(JUDGE_BATCH).every((s) => s === null)).toBe(true);
  });

  it("never judges into the time the lease keeps for the store", async () => {
    const budgets = { storeMs: 60_000, connectionWaitMs: 10_000 };
    const open = new AbortController().signal;
    // A lease with nothing to spare: judging is over before it starts.
    expect(judgeSignal(new Date(Date.now() + 70_000), budgets, open).aborted).toBe(true);
    // Room to spare: judging may start, and the item's own deadline still ends it.
    const deadline = new AbortController();
    const signal = judgeSignal(new Date(Date.now() + 300_000), budgets, deadline.signal);
    expect(signal.aborted).toBe(false);
    deadline.abort();
    expect(signal.aborted).toBe(true);
  });
});
