/**
 * Cuts a text into segments so that overlapping claim spans can be shown as flat
 * highlights: each segment lists the claims covering it and links to the narrowest one.
 */
export interface HighlightSpan {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  claimIds: string[];
  /** The narrowest covering claim: what a click on this segment opens. */
  primary: string | null;
}

export function highlightSegments(length: number, spans: HighlightSpan[]): Segment[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= length && s.end > s.start);
  const cuts = new Set<number>([0, length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = valid.filter((s) => s.start <= start && s.end >= end);
    covering.sort((a, b) => a.end - a.start - (b.end - b.start));
    segments.push({
      start,
      end,
      claimIds: covering.map((s) => s.id),
      primary: covering[0]?.id ?? null,
    });
  }
  return segments;
}
