import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, type AuditAction } from "./audit-actions";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The text of every source file under lib/ but the list itself and the tests. */
function sources(dir = path.join(ROOT, "lib")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(file);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    if (entry.name === "audit-actions.ts") return [];
    return [readFileSync(file, "utf8")];
  });
}

describe("the audit event names", () => {
  it("are unique, each an entity and what happened to it", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z-]+(\.[a-z-]+)+$/);
  });

  it("are each written somewhere: the list holds no name nothing uses", () => {
    const text = sources().join("\n");
    const unused = AUDIT_ACTIONS.filter((action) => !text.includes(`"${action}"`));
    expect(unused).toEqual([]);
  });

  it("refuse a name not in the list (checked by the type checker)", () => {
    // @ts-expect-error "claim.frobnicate" is no audit event: widening the type breaks this line.
    const unlisted: AuditAction = "claim.frobnicate";
    expect(AUDIT_ACTIONS).not.toContain(unlisted);
  });
});
