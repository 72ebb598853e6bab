import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  actualShape,
  datamodelFromPrisma,
  diffShapes,
  expectedShape,
  HAND_WRITTEN_INDEXES,
  type SchemaShape,
} from "../support/schema-drift";

const SCHEMA = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

describe("schema.prisma and the SQL migrations", () => {
  let schema: string;
  let migrated: SchemaShape;

  beforeAll(async () => {
    schema = await readFile(SCHEMA, "utf8");
    migrated = await actualShape(inject("databaseUrl"));
  });

  it("describe the same tables, columns, enums, indexes and foreign keys", () => {
    expect(
      diffShapes(expectedShape(datamodelFromPrisma(schema)), migrated, HAND_WRITTEN_INDEXES),
    ).toEqual([]);
  });

  it("are reported as drifted when a field is added to the schema only", () => {
    const drifted = schema.replace("model Verdict {", "model Verdict {\n  colour String?");
    expect(
      diffShapes(expectedShape(datamodelFromPrisma(drifted)), migrated, HAND_WRITTEN_INDEXES),
    ).toContain("column Verdict.colour is missing from the migrations");
  });

  it("are reported as drifted when a column changes nullability, an index or an enum value", () => {
    const drifted = schema
      .replace("  rationale   String\n", "  rationale   String?\n")
      .replace("@@index([claimId, createdAt])", "@@index([createdAt])")
      .replace("  RETURN\n}", "  RETURN\n  ESCALATE\n}");
    const problems = diffShapes(
      expectedShape(datamodelFromPrisma(drifted)),
      migrated,
      HAND_WRITTEN_INDEXES,
    );
    expect(problems.some((p) => p.startsWith("column Review.rationale"))).toBe(true);
    expect(problems).toContain("index missing from the migrations: Comment index (createdAt)");
    expect(problems.some((p) => p.startsWith("enum DecisionOutcome"))).toBe(true);
  });
});
