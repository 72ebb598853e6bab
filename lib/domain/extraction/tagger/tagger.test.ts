import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { storeModel, loadModel, type StoredModel } from "./model";
import { tagAttributions } from "./tag";
import stored from "./attribution-model.json" with { type: "json" };

const SAMPLE = readFileSync(
  path.resolve(import.meta.dirname, "../../../../seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);

describe("the committed attribution model", () => {
  const model = loadModel(stored as StoredModel);

  it("loads, and finds the sample article's attributions with their cues and sources", () => {
    const found = tagAttributions(SAMPLE, model);
    const texts = found.map((a) => ({
      cue: SAMPLE.slice(a.cue.start, a.cue.end),
      speaker: a.speaker ? SAMPLE.slice(a.speaker.start, a.speaker.end) : null,
      content: SAMPLE.slice(a.content.start, a.content.end),
    }));
    expect(texts).toContainEqual({
      cue: "told",
      speaker: "Ryabkov",
      content: expect.stringContaining("unconfirmed, falsified and unfounded stories"),
    });
    expect(texts).toContainEqual({
      cue: "stressed",
      speaker: "the deputy minister",
      content: expect.stringContaining("They listen only to themselves"),
    });
    // Every span is inside the text, and every content has its cue.
    for (const a of found) {
      expect(a.content.start).toBeLessThan(a.content.end);
      expect(a.cue.end).toBeLessThanOrEqual(SAMPLE.length);
    }
  });

  it("is stored in under 5 MB, with integer feature keys", () => {
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    expect(loadModel(storeModel(model) as StoredModel).tagger.keys).toEqual(model.tagger.keys);
  });
});
