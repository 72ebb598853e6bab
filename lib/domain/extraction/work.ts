/**
 * A count of the extractor's steps in the loops whose cost could grow faster than the text
 * (scans back over tokens, searches among speakers, the tagger's per-token work), kept so
 * that the linearity test compares counts, the same on every machine and under any load,
 * instead of times (a time ratio failed at 8.07 against its bound of 8 on a busy machine).
 * A thread or process has its own count; it only ever grows.
 */
export const work = { steps: 0 };

export function countStep(): void {
  work.steps++;
}
