import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "claimdesk-match-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const match = (...args: string[]) =>
  spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/match.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CLAIMDESK_DATA_DIR: path.join(dir, "data") },
  });

describe("npm run match", () => {
  it("ranks a folder of ClaimReview and vclaim files for each query, TREC-style, skipping what is not a fact-check", () => {
    const corpus = path.join(dir, "corpus");
    const review = (n: number, claim: string) => ({
      "@type": "ClaimReview",
      url: `https://checks.example/${n}`,
      claimReviewed: claim,
      reviewRating: { alternateName: "False" },
    });
    rmSync(corpus, { recursive: true, force: true });
    mkdirSync(corpus, { recursive: true });
    writeFileSync(
      path.join(corpus, "a.json"),
      JSON.stringify({
        "@graph": [
          review(1, "Drinking hot water cures the coronavirus"),
          review(2, "The stock market crashed on Monday"),
        ],
      }),
    );
    writeFileSync(
      path.join(corpus, "b.jsonl"),
      [
        JSON.stringify({
          vclaim_id: "vclaim-nurses",
          vclaim: "The minister hired 4,000 nurses last year",
        }),
        "not json",
        JSON.stringify({ "@type": "WebPage" }),
      ].join("\n"),
    );
    const queries = path.join(dir, "queries.tsv");
    writeFileSync(
      queries,
      "q1\tHot water cures covid? https://t.co/x\nq2\tfour thousand nurses hired\n",
    );
    const run = match("--corpus", corpus, "--queries", queries, "--top", "2", "--lexical-only");
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => l.split("\t"));
    expect(lines[0]).toEqual([
      "q1",
      "Q0",
      "https://checks.example/1",
      "1",
      "1.000000",
      "claimdesk",
    ]);
    expect(lines.filter((l) => l[0] === "q2")[0]!.slice(0, 4)).toEqual([
      "q2",
      "Q0",
      "vclaim-nurses",
      "1",
    ]);
    expect(lines.every((l) => l.length === 6 && Number(l[3]) <= 2)).toBe(true);
    expect(run.stderr).toContain("b.jsonl line 2");
    expect(run.stderr).toContain("b.jsonl line 3: no ClaimReview or vclaim record");
    expect(run.stderr).toMatch(
      /matched 2 queries against 3 fact-checks \(2 skipped\), lexical only/,
    );
  });

  it("refuses a command line without its files, or a query line without its tab, saying which", () => {
    const bare = match("--queries", "x.tsv");
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/--corpus and --queries are required/);
    const corpus = path.join(dir, "one.jsonl");
    writeFileSync(corpus, JSON.stringify({ vclaim_id: "v", vclaim: "A claim" }));
    const queries = path.join(dir, "bad.tsv");
    writeFileSync(queries, "q1\tfine\nno tab here\n");
    const bad = match("--corpus", corpus, "--queries", queries, "--lexical-only");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.tsv line 2: expected id<TAB>text/);
  });
});
