/**
 * Loads the sentence encoder and the encoder check-worthiness model and scores a sentence,
 * printing what it got as JSON: run by lib/encoder/sentence-encoder.test.ts in a process
 * cut off the network (no-network.mjs).
 */
import { encoderCheckworthiness } from "@/lib/domain/extraction/encoder-checkworthiness";
import { DIMENSIONS, embed } from "@/lib/encoder/sentence-encoder";

const text = "Unemployment fell to 3.5 percent last year";
const vector = await embed([text]);
console.log(
  JSON.stringify({
    dimensions: vector.length,
    expected: DIMENSIONS,
    score: encoderCheckworthiness(text, vector),
  }),
);
