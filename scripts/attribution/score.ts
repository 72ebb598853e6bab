/**
 * The reference scorer's figures (../shared/tools/score-attribution.py, whose docstring
 * defines them), computed the same way: predicted attributed claims (a speaker or a cue)
 * matched one-to-one to gold contents, largest overlaps first.
 */
import type { Span } from "@/lib/domain/extraction/text";
import type { GoldAttribution } from "./polnear";

export interface PredictedAttribution {
  content: Span;
  speaker: Span | null;
  cue: Span | null;
}

export interface AttributionScore {
  lenient: { precision: number; recall: number; f1: number };
  strict: { precision: number; recall: number; f1: number };
  speakerAccuracy: number;
  speechRecall: number;
  gold: number;
  predicted: number;
}

/** The reference scorer's speech and allegation cues. */
export const SPEECH =
  /\b(said|says|say|saying|told|tells|tell|telling|added|adds|adding|according|claimed|claims|claim|claiming|alleged|alleges|alleging|stated|states|stating|argued|argues|arguing|wrote|writes|writing|denied|denies|denying|insisted|insists|warned|warns|stressed|stresses|noted|notes|explained|explains|asked|asks|announced|announces|declared|declares|accused|accuses|suggested|suggests|tweeted|tweets|reported|reports|confirmed|confirms|admitted|admits|acknowledged|acknowledges|maintained|maintains|contended|contends|charged|charges|blamed|blames|responded|responds|replied|replies|promised|promises|vowed|vows|predicted|predicts|asserted|asserts|mentioned|mentions|described|describes|called|calls|repeated|repeats|echoed|echoes|countered|counters)\b/i;

const overlap = (a: Span, b: Span) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

export function match(pred: PredictedAttribution[], gold: GoldAttribution[], threshold: number) {
  const pairs: Array<[number, number, number]> = [];
  pred.forEach((p, i) =>
    gold.forEach((g, j) => {
      const ov = overlap(p.content, g.content);
      if (ov <= 0) return;
      const union =
        Math.max(p.content.end, g.content.end) - Math.min(p.content.start, g.content.start);
      if (ov / union >= threshold) pairs.push([ov, i, j]);
    }),
  );
  // Python sorts the tuples descending: by overlap, then by the higher index first.
  pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const [, i, j] of pairs) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    out.push([i, j]);
  }
  return out;
}

const prf = (tp: number, npred: number, ngold: number) => {
  const precision = npred ? tp / npred : 0;
  const recall = ngold ? tp / ngold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
};

export function scoreAttribution(
  articles: Array<{ text: string; gold: GoldAttribution[]; predicted: PredictedAttribution[] }>,
): AttributionScore {
  const tot: Record<"lenient" | "strict", [number, number, number]> = {
    lenient: [0, 0, 0],
    strict: [0, 0, 0],
  };
  let speakerOk = 0;
  let speakerN = 0;
  let speechTp = 0;
  let speechN = 0;
  for (const { text, gold, predicted } of articles) {
    const pred = predicted.filter((p) => p.speaker || p.cue);
    for (const [key, threshold] of [
      ["lenient", 1e-9],
      ["strict", 0.5],
    ] as const) {
      const pairs = match(pred, gold, threshold);
      tot[key][0] += pairs.length;
      tot[key][1] += pred.length;
      tot[key][2] += gold.length;
      if (key !== "lenient") continue;
      const matched = new Set<number>();
      for (const [i, j] of pairs) {
        matched.add(j);
        const source = gold[j]!.source;
        if (!source) continue;
        speakerN++;
        const speaker = pred[i]!.speaker;
        if (speaker && overlap(speaker, source) > 0) speakerOk++;
      }
      gold.forEach((g, j) => {
        if (g.cue && SPEECH.test(text.slice(g.cue.start, g.cue.end))) {
          speechN++;
          if (matched.has(j)) speechTp++;
        }
      });
    }
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const rounded = (m: { precision: number; recall: number; f1: number }) => ({
    precision: round(m.precision),
    recall: round(m.recall),
    f1: round(m.f1),
  });
  return {
    lenient: rounded(prf(tot.lenient[0]!, tot.lenient[1]!, tot.lenient[2]!)),
    strict: rounded(prf(tot.strict[0]!, tot.strict[1]!, tot.strict[2]!)),
    speakerAccuracy: speakerN ? round(speakerOk / speakerN) : 0,
    speechRecall: speechN ? round(speechTp / speechN) : 0,
    gold: tot.lenient[2]!,
    predicted: tot.lenient[1]!,
  };
}

export function formatScore(name: string, s: AttributionScore): string {
  return `${name}: strict F1 ${s.strict.f1} (P ${s.strict.precision} R ${s.strict.recall}), lenient F1 ${s.lenient.f1}, speaker accuracy ${s.speakerAccuracy}, speech recall ${s.speechRecall} (${s.gold} gold, ${s.predicted} predicted)`;
}
