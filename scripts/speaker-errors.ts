/**
 * Where the speaker errors come from, on a PolNeAR-style folder: each attribution the
 * reference scorer pairs with a gold one that has a source, but whose speaker misses it,
 * put in one class (the cue was never found; found but its attribution paired elsewhere;
 * the right cue with a wrong or missing speaker, by where that speaker stands), and for the
 * tagger's cues that are gold cues, how often the gold source is among the source linker's
 * candidates and how often the linker ranks it first.
 *
 *   npx tsx scripts/speaker-errors.ts [folder] [examples per class]
 *   (default: ../shared/data/polnear/dev, 3 examples)
 */
import { extractClaims, attributionModel } from "@/lib/domain/extraction/extract";
import type { Span } from "@/lib/domain/extraction/text";
import { sequenceFeatures } from "@/lib/domain/extraction/tagger/features";
import { viterbi } from "@/lib/domain/extraction/tagger/model";
import {
  articleSequences,
  ChunkList,
  linkContents,
  linkSource,
  sourceCandidates,
  taggedChunks,
} from "@/lib/domain/extraction/tagger/tag";
import { readPolnear } from "./attribution/polnear";
import { match } from "./attribution/score";

const folder = process.argv[2] ?? "../shared/data/polnear/dev";
const perClass = Number(process.argv[3] ?? 3);
const articles = readPolnear(folder);
const overlaps = (a: Span | null | undefined, b: Span | null | undefined) =>
  !!a && !!b && Math.min(a.end, b.end) > Math.max(a.start, b.start);

const classes = new Map<string, string[]>();
let pairs = 0;
for (const { text, gold } of articles) {
  const predicted = extractClaims(text)
    .claims.filter((c) => c.speaker || c.cue)
    .map((c) => ({ content: c.content, speaker: c.speaker, cue: c.cue }));
  const matched = match(predicted, gold, 1e-9);
  const goldOf = new Map(matched);
  for (const [i, j] of matched) {
    const g = gold[j]!;
    const p = predicted[i]!;
    if (!g.source) continue;
    pairs++;
    if (overlaps(p.speaker, g.source)) continue;
    let kind: string;
    if (overlaps(p.cue, g.cue)) {
      const where = !p.speaker
        ? "none"
        : p.speaker.start >= g.content.start && p.speaker.end <= g.content.end
          ? "inside the content"
          : p.speaker.end <= g.source.start
            ? "before the source"
            : "after the source";
      kind = `right cue, speaker ${where}`;
    } else {
      const own = predicted.findIndex((q) => overlaps(q.cue, g.cue));
      kind =
        own < 0
          ? "gold cue not found (paired with another attribution)"
          : goldOf.has(own)
            ? "gold cue found, its attribution paired with another gold one"
            : "gold cue found, its content paired elsewhere";
    }
    const slice = (s: Span | null | undefined) => (s ? text.slice(s.start, s.end) : "—");
    const example = `source [${slice(g.source)}] cue [${slice(g.cue)}] → speaker [${slice(p.speaker)}] cue [${slice(p.cue)}]`;
    (classes.get(kind) ?? classes.set(kind, []).get(kind)!).push(example.replace(/\s+/g, " "));
  }
}
const wrong = [...classes.values()].reduce((n, list) => n + list.length, 0);
console.log(
  `${folder}: ${pairs} paired attributions with a gold source, ${wrong} speakers wrong (accuracy ${(1 - wrong / pairs).toFixed(3)})`,
);
for (const [kind, list] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${String(list.length).padStart(4)}  ${kind}`);
  for (const example of list.slice(0, perClass)) console.log(`          ${example}`);
}

// The source linker on its own: the tagger's cues that are gold cues with a source.
const model = attributionModel();
let cues = 0;
let covered = 0;
let ranked = 0;
for (const { text, gold } of articles) {
  for (const { tokens } of articleSequences(text)) {
    const chunks = new ChunkList(
      taggedChunks(tokens, viterbi(model.tagger, sequenceFeatures(tokens))),
    );
    for (const [cue] of linkContents(tokens, chunks, model.cueLinker)) {
      const at = (first: number, last: number) => ({
        start: tokens[first]!.start,
        end: tokens[last - 1]!.end,
      });
      const g = gold.find((a) => a.source && overlaps(a.cue, at(cue.first, cue.last)));
      if (!g) continue;
      cues++;
      const candidates = sourceCandidates(tokens, chunks, cue);
      if (!candidates.some((c) => overlaps(at(c.first, c.last), g.source))) continue;
      covered++;
      const best = linkSource(tokens, chunks, cue, model.sourceLinker, candidates)!;
      if (overlaps(at(best.first, best.last), g.source)) ranked++;
    }
  }
}
console.log(
  `source linker: ${cues} tagged cues that are gold cues with a source; the source among the candidates for ${covered} (${(covered / cues).toFixed(3)}), ranked first for ${ranked} (${(ranked / covered).toFixed(3)} of those)`,
);
