/**
 * PolNeAR-style folders (text/<name>.txt, attributions/<name>_<annotator>.ann in brat
 * standoff) read for training and scoring attribution, with the reference scorer's choices
 * (../shared/tools/score-attribution.py): the first annotator's file of each article in
 * name order, a span's extent from its first fragment's start to its last's end, brat's
 * code-point offsets turned into JavaScript string offsets.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Span } from "@/lib/domain/extraction/text";

export interface GoldAttribution {
  /** From the first fragment's start to the last's end. */
  content: Span;
  /** The content's fragments (a quote split by its attribution has two). */
  fragments: Span[];
  source: Span | null;
  cue: Span | null;
}

export interface Article {
  name: string;
  text: string;
  gold: GoldAttribution[];
}

/** JavaScript (UTF-16) offset of each code point offset of `text`. */
function codePointToUtf16(text: string): number[] {
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return map;
}

export function parseBrat(ann: string, text: string): GoldAttribution[] {
  const at = codePointToUtf16(text);
  const js = (cp: number) => at[Math.min(Math.max(cp, 0), at.length - 1)]!;
  const spans = new Map<string, Span[]>();
  const events: Array<Record<string, string>> = [];
  for (const line of ann.split("\n")) {
    // Covered text may run over several lines: only lines starting with an id count.
    if (/^T\d+\t/.test(line)) {
      const [id, middle] = line.split("\t") as [string, string];
      const fragments = middle
        .slice(middle.indexOf(" ") + 1)
        .split(";")
        .map((fragment) => {
          const [start, end] = fragment.trim().split(/\s+/).map(Number) as [number, number];
          return { start: js(start), end: js(end) };
        });
      spans.set(id, fragments);
    } else if (/^E\d+\t/.test(line)) {
      const roles: Record<string, string> = {};
      for (const argument of line.split("\t")[1]!.split(/\s+/).filter(Boolean)) {
        const [role, ref] = argument.split(":") as [string, string];
        roles[role.replace(/\d+$/, "")] = ref;
      }
      events.push(roles);
    }
  }
  const extent = (fragments: Span[] | undefined): Span | null =>
    fragments
      ? {
          start: Math.min(...fragments.map((f) => f.start)),
          end: Math.max(...fragments.map((f) => f.end)),
        }
      : null;
  const gold: GoldAttribution[] = [];
  for (const roles of events) {
    const fragments = roles.Content ? spans.get(roles.Content) : undefined;
    if (!fragments) continue;
    gold.push({
      content: extent(fragments)!,
      fragments: [...fragments].sort((a, b) => a.start - b.start),
      source: roles.Source ? extent(spans.get(roles.Source)) : null,
      cue: roles.Cue ? extent(spans.get(roles.Cue)) : null,
    });
  }
  return gold;
}

/** The annotated articles of a folder (those with an annotation file). */
export function readPolnear(folder: string): Article[] {
  const annotations = readdirSync(path.join(folder, "attributions")).sort();
  return readdirSync(path.join(folder, "text"))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .flatMap((file) => {
      const name = file.slice(0, -4);
      const ann = annotations.find((a) => a.startsWith(`${name}_`));
      if (!ann) return [];
      const text = readFileSync(path.join(folder, "text", file), "utf8");
      const gold = parseBrat(readFileSync(path.join(folder, "attributions", ann), "utf8"), text);
      return [{ name, text, gold }];
    });
}
