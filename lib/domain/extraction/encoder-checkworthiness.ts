import { DIMENSIONS } from "@/lib/encoder/version";
import model from "./checkworthiness-encoder-model.json";
import { scoreWithEmbedding, type EncoderCheckworthinessModel } from "./checkworthiness-features";

/**
 * Check-worthiness by the encoder model (scripts/train-checkworthiness.ts): the words model's
 * features plus the sentence's embedding by the sentence encoder. Only workers and scripts
 * score with it (they hold the encoder); its scores decide at the words model's threshold.
 */
const MODEL = model as EncoderCheckworthinessModel;

/** The encoder the model was trained on: its embeddings, and no other, can be scored. */
export const ENCODER_MODEL_ENCODER = MODEL.encoder;

/** Probability (0..1) that `text` is a check-worthy claim, given its embedding. */
export function encoderCheckworthiness(text: string, vector: ArrayLike<number>): number {
  return (
    Math.round(scoreWithEmbedding(MODEL, text.replace(/\s+/g, " ").trim(), vector) * 1000) / 1000
  );
}

/** Each text's check-worthiness, given their embeddings packed one after another. */
export function encoderCheckworthinessOf(
  texts: readonly string[],
  vectors: Float32Array,
): number[] {
  return texts.map((text, i) =>
    encoderCheckworthiness(text, vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS)),
  );
}
