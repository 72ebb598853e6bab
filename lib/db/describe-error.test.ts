import { describe, expect, it } from "vitest";
import { describeDatabaseError, describeTarget } from "./describe-error";

const URL_WITH_PASSWORD = "postgresql://app:hunter2-secret@db.internal:6543/claims";

describe("database errors at start", () => {
  it.each([
    ["ECONNREFUSED", /connection refused/],
    ["ENOTFOUND", /does not resolve/],
    ["28P01", /refused the user name or password/],
    ["3D000", /database does not exist/],
  ])("%s reads as one actionable line", (code, pattern) => {
    const line = describeDatabaseError({ code, message: "raw\nstack" }, URL_WITH_PASSWORD);
    expect(line).toMatch(pattern);
    expect(line).toContain("db.internal:6543/claims");
    expect(line).not.toContain("hunter2");
    expect(line).not.toContain("\n");
  });

  it("never prints the password, even for a URL that does not parse", () => {
    expect(describeTarget("postgresql://a:b@@@")).not.toContain("b@@");
  });
});
