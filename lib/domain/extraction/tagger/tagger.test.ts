import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { storeModel, loadModel, type StoredModel } from "./model";
import {
  articleSequences,
  ChunkList,
  overNested,
  sourceCandidates,
  tagAttributions,
  type Chunk,
} from "./tag";
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

/** The rules' source candidates for the cue `cue` in a one-sentence text (no tagged chunks). */
function candidatesOf(text: string, cue: string): string[] {
  const { tokens } = articleSequences(text)[0]!;
  const first = tokens.findIndex((t) => t.text === cue);
  const chunk: Chunk = { role: "Q", first, last: first + 1 };
  return sourceCandidates(tokens, new ChunkList([chunk]), chunk).map(
    (c) => `${c.rule}: ${text.slice(tokens[c.first]!.start, tokens[c.last - 1]!.end)}`,
  );
}

describe("the source linker's candidates", () => {
  it("reach the subject past an aside, a prepositional phrase or a time", () => {
    expect(
      candidatesOf(
        "Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony on the Mall, said it moved her.",
        "said",
      ),
    ).toContain("aside: Donna Sampson Rawlings");
    expect(
      candidatesOf("Stumpf in a televised interview appeared to blame workers.", "appeared"),
    ).toEqual(expect.arrayContaining(["subject: a televised interview", "aside: Stumpf"]));
    expect(
      candidatesOf("Wells Fargo just this month announced it would drop them.", "announced"),
    ).toContain("aside: Wells Fargo");
  });

  it("take the subject after an opening adverbial, and never a lone function word", () => {
    const meanwhile = candidatesOf("Meanwhile, it attacked Trump, saying he was wrong.", "saying");
    expect(meanwhile).toContain("sentence: it");
    expect(meanwhile.some((c) => c.endsWith(": Meanwhile"))).toBe(false);
    const onMonday = candidatesOf(
      "On Monday night, Clinton leaned in, painting Trump as a caricature.",
      "painting",
    );
    expect(onMonday).toContain("sentence: Clinton");
    expect(onMonday.some((c) => /: On\b/.test(c))).toBe(false);
  });
});

describe("an attribution inside another's content", () => {
  type Range = [first: number, last: number];
  interface Ranges {
    cue: Range;
    content: Range;
    source?: Range;
  }

  /** The outer content of two attributions over `text`'s tokens, after overNested. */
  function outerContent(text: string, outer: Ranges, inner: Ranges): string {
    const { tokens } = articleSequences(text)[0]!;
    const chunk = (role: Chunk["role"], [first, last]: Range): Chunk => ({ role, first, last });
    const found = [outer, inner].map(({ cue, content, source }) => ({
      cue: chunk("Q", cue),
      content: chunk("C", content),
      source: source ? chunk("S", source) : null,
    }));
    const [a] = overNested(tokens, found);
    return text.slice(tokens[a!.content.first]!.start, tokens[a!.content.last - 1]!.end);
  }

  it("is taken into the outer content when it starts where that stops", () => {
    // Clinton(0) says(1) he(2) plans(3) to(4) use(5) the(6) money(7) he(8) says(9) he(10) raised(11) .(12)
    const text = "Clinton says he plans to use the money he says he raised.";
    expect(
      outerContent(
        text,
        { cue: [1, 2], content: [2, 8] },
        { cue: [9, 10], content: [10, 12], source: [8, 9] },
      ),
    ).toBe("he plans to use the money he says he raised");
  });

  it("is left out after a comma, or in the next sentence", () => {
    const inner: Ranges = { cue: [10, 11], content: [11, 14], source: [9, 10] };
    const comma = "Clinton says he plans to use the money, he says he raised it.";
    expect(outerContent(comma, { cue: [1, 2], content: [2, 8] }, inner)).toBe(
      "he plans to use the money",
    );
    // The outer content runs to its full stop; the inner source starts the next sentence.
    const next = "Clinton says he plans to use the money. He says he raised it.";
    expect(outerContent(next, { cue: [1, 2], content: [2, 9] }, inner)).toBe(
      "he plans to use the money.",
    );
  });
});
