import { describe, expect, it } from "vitest";
import { storeModel } from "@/lib/domain/extraction/tagger/model";
import { tagAttributions } from "@/lib/domain/extraction/tagger/tag";
import type { Article } from "./attribution/polnear";
import { trainAttributionModel } from "./train-attribution";

/** A small annotated slice, made here so the test needs no outside data. */
function slice(): Article[] {
  const sentences = [
    ["The mayor", "said", "taxes rose 5 percent last year"],
    ["Police", "told", "reporters that 12 people were arrested"],
    ["The minister", "claimed", "the deficit fell to 2 percent"],
    ["Officials", "said", "the bridge would reopen in May"],
    ["The senator", "warned", "that prices would rise again"],
  ];
  return sentences.map(([source, cue, content], i) => {
    const text = `${source} ${cue} ${content}.\n\n"We did what we promised," ${source!.toLowerCase()} ${cue} in ${2000 + i}.`;
    const at = (part: string, from = 0) => {
      const start = text.indexOf(part, from);
      return { start, end: start + part.length };
    };
    const quote = at('"We did what we promised,"');
    const secondCue = at(cue!, quote.end);
    return {
      name: `slice-${i}`,
      text,
      gold: [
        {
          content: at(content!),
          fragments: [at(content!)],
          source: at(source!),
          cue: at(cue!),
        },
        {
          content: quote,
          fragments: [quote],
          source: { start: quote.end + 1, end: secondCue.start - 1 },
          cue: secondCue,
        },
      ],
    };
  });
}

describe("training", () => {
  it("is repeatable: the same slice and seed give the same model", () => {
    const options = { epochs: 2, features: 5000, seed: 7 };
    const first = storeModel(trainAttributionModel(slice(), null, options).model);
    const second = storeModel(trainAttributionModel(slice(), null, options).model);
    expect(second).toEqual(first);
    // The seed orders the examples: another seed, another model.
    const other = storeModel(trainAttributionModel(slice(), null, { ...options, seed: 8 }).model);
    expect(other).not.toEqual(first);
  });

  it("learns its slice: the model it trains finds the slice's own attributions", () => {
    const { model } = trainAttributionModel(slice(), null, { epochs: 4, features: 5000, seed: 7 });
    const [article] = slice();
    const found = tagAttributions(article!.text, model);
    expect(found.map((a) => article!.text.slice(a.cue.start, a.cue.end))).toContain("said");
  });
});
