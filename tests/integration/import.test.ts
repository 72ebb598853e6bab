import { spawn } from "node:child_process";
import { mkdtemp, writeFile, truncate } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importArticle } from "@/lib/data/articles";
import { articleInput } from "@/lib/validation/article";

const ROOT = path.resolve(import.meta.dirname, "../..");
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

function article(body: string, title = "Test article") {
  return articleInput.parse({ title, body });
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("importing an article", () => {
  it("stores the article with its extracted claims, speakers and one audit event", async () => {
    const id = unique();
    const body = `Finance Minister Maria Costa said on Monday that inflation fell to 3 percent in ${id}.\n"We have turned the corner," she added.`;
    const outcome = await importArticle(article(body), { userId: null, label: "test" });
    expect(outcome.status).toBe("imported");
    if (outcome.status !== "imported") return;
    const claims = await prisma.claim.findMany({
      where: { articleId: outcome.articleId },
      include: { speaker: true },
    });
    expect(claims.length).toBe(outcome.claims);
    expect(claims.length).toBeGreaterThanOrEqual(2);
    for (const claim of claims) {
      expect(body.slice(claim.start!, claim.end!)).toBe(claim.text);
      expect(claim.quoteExact).toBe(claim.text);
      expect(body.slice(claim.start! - claim.quotePrefix!.length, claim.start!)).toBe(
        claim.quotePrefix,
      );
    }
    expect(new Set(claims.map((c) => c.speaker?.name))).toEqual(new Set(["Maria Costa"]));
    // What is claimed, apart from who said it: inside the span, without the attribution.
    for (const claim of claims) {
      expect(body.slice(claim.contentStart!, claim.contentEnd!)).toBe(claim.content);
      expect(claim.contentStart!).toBeGreaterThanOrEqual(claim.start!);
      expect(claim.contentEnd!).toBeLessThanOrEqual(claim.end!);
    }
    const quote = claims.find((c) => c.text.includes("turned the corner"))!;
    expect(quote.content).toContain("We have turned the corner");
    expect(quote.content).not.toContain("she added");
    const audit = await prisma.auditEvent.findMany({
      where: { entity: "Article", entityId: outcome.articleId },
    });
    expect(audit).toMatchObject([{ action: "article.import", actorLabel: "test" }]);
  });

  it("does not import the same text twice, even copied with other spacing and case", async () => {
    const id = unique();
    const first = await importArticle(article(`Police said 12 people were arrested in ${id}.`), {
      userId: null,
    });
    const again = await importArticle(
      article(`  POLICE said 12 people\n\nwere arrested in ${id}.  `, "Another title"),
      {
        userId: null,
      },
    );
    expect(again).toMatchObject({ status: "duplicate", articleId: first.articleId });
  });

  it("imports text sent several times at once exactly once", async () => {
    const body = `The council voted 7 to 2 on Tuesday, officials said, in ${unique()}.`;
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => importArticle(article(body), { userId: null })),
    );
    expect(outcomes.filter((o) => o.status === "imported")).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.articleId)).size).toBe(1);
  });
});

function runImport(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        "scripts/import.ts",
        ...args,
      ],
      { cwd: ROOT, env: { ...process.env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run import", () => {
  // Two runs of the command, each a process that starts a worker with its threads: seconds
  // alone, more than 30 s once seen on a busy machine. It waits on the processes' exits.
  it(
    "imports the good files and lines, reports each bad one, and exits non-zero",
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "claimdesk-import-"));
      const id = unique();
      await writeFile(
        path.join(dir, "good.txt"),
        `Mayor resigns\n\nThe mayor resigned on Friday, the council said, in ${id}.`,
      );
      await writeFile(
        path.join(dir, "batch.jsonl"),
        [
          JSON.stringify({ title: "Line one", body: `Officials said 40 jobs were cut in ${id}.` }),
          "{broken",
          JSON.stringify({ title: "Line three", body: "" }),
        ].join("\n"),
      );
      await writeFile(path.join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      await writeFile(path.join(dir, "huge.txt"), "");
      await truncate(path.join(dir, "huge.txt"), 50 * 1024 * 1024);

      const { code, stdout, stderr } = await runImport([dir]);
      expect(code).toBe(1);
      expect(stdout).toContain("imported 2 articles");
      expect(stdout).toContain("4 failed");
      expect(stdout).toContain("batch.jsonl line 2: not valid JSON");
      expect(stdout).toContain("batch.jsonl line 3: Body is empty");
      expect(stdout).toContain("latin1.txt: not valid UTF-8");
      expect(stdout).toContain("huge.txt: file is 50.0 MB");
      expect(stderr).toContain("4/4 files and addresses");
      expect(await prisma.article.count({ where: { body: { contains: id } } })).toBe(2);

      // A second run finds everything already there.
      const again = await runImport([path.join(dir, "good.txt")]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("imported 0 articles (0 claims), 1 already there, 0 failed");
    },
  );
});
