/**
 * Command-line extraction (a stable contract for automated quality checks):
 *
 *   npm run --silent extract -- <file.txt> [more files]
 *     one JSON object per file and line: {"file", "claims": [{"text","start","end","kind",
 *     "checkworthiness","speaker":{"text","start","end"}|null,"speakerName"?,"cue":…|null,
 *     "content":{"start","end"}}]}; offsets are string indices into the file as read.
 *
 *   npm run --silent extract -- --lines <file>
 *     one sentence per line in, one {"checkworthy": bool, "score": 0..1} per line out.
 *
 * Nothing else goes to stdout; problems go to stderr and the exit code.
 */
import { readFile } from "node:fs/promises";
import { extractClaims } from "@/lib/domain/extraction/extract";
import { checkworthiness, CHECKWORTHY_THRESHOLD } from "@/lib/domain/extraction/checkworthiness";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const decoder = new TextDecoder("utf-8", { fatal: true });

async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  return decoder.decode(bytes);
}

function write(value: unknown) {
  process.stdout.write(JSON.stringify(value) + "\n");
}

const USAGE = "npm run extract -- <file.txt> [more files] | npm run extract -- --lines <file>";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { lines: { type: "string" } },
    { positionals: true },
  );
  if (values.lines !== undefined) {
    if (positionals.length > 0) throw new UsageError("--lines takes one file and nothing else");
    const lines = (await readText(values.lines)).split(/\r?\n/);
    if (lines.at(-1) === "") lines.pop();
    for (const line of lines) {
      const score = checkworthiness(line);
      write({
        checkworthy: score >= CHECKWORTHY_THRESHOLD,
        score: Math.round(score * 10000) / 10000,
      });
    }
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("name at least one file");
  let failed = 0;
  for (const file of positionals) {
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      console.error(
        `extract: ${file}: ${error instanceof TypeError ? "not valid UTF-8" : (error as Error).message}`,
      );
      failed++;
      continue;
    }
    const result = extractClaims(text);
    write({
      file,
      claims: result.claims.map((c) => {
        const speaker = c.speakerRef === null ? null : result.speakers[c.speakerRef];
        return {
          text: c.text,
          start: c.start,
          end: c.end,
          kind: c.kind,
          checkworthiness: c.checkworthiness,
          speaker: c.speaker,
          ...(speaker ? { speakerName: speaker.name, speakerTitle: speaker.title } : {}),
          cue: c.cue,
          content: c.content,
        };
      }),
    });
  }
  return failed > 0 ? 1 : 0;
}

runMain("extract", () => main(process.argv.slice(2)), undefined, USAGE);
