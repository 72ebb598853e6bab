import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { FactCheckMatcher } from "@/lib/domain/fact-checks/matcher";
import { matchWords } from "@/lib/domain/matching";
import { factCheck } from "@/tests/support/fact-check-records";
import { DIMENSIONS, embed, embedCached } from "./sentence-encoder";

const records = [
  factCheck("vaccine", "The COVID-19 vaccine causes infertility"),
  factCheck("market", "The stock market crashed on Monday after the bank failed"),
  factCheck("bridge", "A new bridge opened in London last week"),
  factCheck("water", "Drinking hot water cures the coronavirus"),
  factCheck("birth", "The president was born in Kenya"),
];

const dir = mkdtempSync(path.join(tmpdir(), "claimdesk-embeddings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the sentence encoder (Universal Sentence Encoder Lite, offline)", () => {
  it("matches a paraphrase that shares no word with the fact-check, which the lexical stage and trigrams miss", async () => {
    const query = "Getting the jab leaves you unable to have children";
    // Nothing in common for the words-based matchers.
    const words = new Set(matchWords(records[0]!.claim));
    expect(matchWords(query).filter((w) => words.has(w))).toEqual([]);
    const vectors = await embedCached(
      records.map((r) => r.claim),
      dir,
    );
    const matcher = new FactCheckMatcher(records, vectors, DIMENSIONS);
    expect(matcher.match(query, null, 1)).toEqual([]);
    const [best] = matcher.match(query, await embed([query]), 1);
    expect(best).toMatchObject({ record: { id: "vaccine" }, stage: "semantic" });
    // Another paraphrase, another record.
    const [birth] = matcher.match(
      "Obama's birthplace is Africa, not Hawaii",
      await embed(["Obama's birthplace is Africa, not Hawaii"]),
      1,
    );
    expect(birth!.record.id).toBe("birth");
  });

  it("gives unit-length vectors, the same for the same text, and keeps them in the cache", async () => {
    const [a, b] = [
      await embed(["Rents rose by 12 percent"]),
      await embed(["Rents rose by 12 percent"]),
    ];
    expect(a).toHaveLength(DIMENSIONS);
    expect(a.reduce((sum, x) => sum + x * x, 0)).toBeCloseTo(1, 4);
    expect(Array.from(a)).toEqual(Array.from(b));
    const files = readdirSync(dir).filter((f) => f.endsWith(".f32"));
    expect(files).toHaveLength(1);
    const written = statSync(path.join(dir, files[0]!)).mtimeMs;
    const again = await embedCached(
      records.map((r) => r.claim),
      dir,
    );
    expect(again).toHaveLength(records.length * DIMENSIONS);
    expect(readdirSync(dir).filter((f) => f.endsWith(".f32"))).toEqual(files);
    // Read, not written again.
    expect(statSync(path.join(dir, files[0]!)).mtimeMs).toBe(written);
  });
});

describe("the encoder offline", () => {
  it("loads its weights from the installed package and scores a sentence in a process with no network", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "./tests/support/no-network.mjs",
        "tests/support/embed-offline.ts",
      ],
      { cwd: root, env: { ...process.env, HTTP_PROXY: "", HTTPS_PROXY: "" } },
    );
    expect(stderr).not.toMatch(/network refused/);
    const out = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(out.dimensions).toBe(out.expected);
    expect(out.score).toBeGreaterThan(0);
    expect(out.score).toBeLessThan(1);
  });

  it("the preload does cut the network (a fetch from that process fails)", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const result = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "./tests/support/no-network.mjs",
        "-e",
        "fetch('http://127.0.0.1:9/').then(() => console.log('reached'), (e) => console.log('refused: ' + e.message))",
      ],
      { cwd: root },
    );
    expect(result.stdout).toMatch(/^refused: network refused: fetch/);
    expect(result.stderr).toMatch(/network refused: fetch/);
  });
});
