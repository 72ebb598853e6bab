/**
 * Which sentence encoder the stored embeddings are of, and their size: a module of its own,
 * so that the web server can tell how many embeddings are waiting without loading the
 * encoder (sentence-encoder.ts, which only workers and scripts import).
 */
export const ENCODER_VERSION = "use-lite@0.2.0";
export const DIMENSIONS = 512;
