import { describe, expect, it } from "vitest";
import { hasRole, ROLES, safeCallbackPath } from "./roles";

describe("roles", () => {
  it("each role includes the ones below it and none above", () => {
    const table = ROLES.map((actual) => ROLES.map((required) => hasRole(actual, required)));
    expect(table).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
  });
});

describe("where to go after login", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/claims?state=NEW")).toBe("/claims?state=NEW");
  });

  it.each([
    ["https://evil.example/"],
    ["//evil.example/path"],
    ["/\\evil.example"],
    ["javascript:alert(1)"],
    ["/login"],
    ["/login?callbackUrl=/x"],
    ["/claims\n"],
    [""],
    [null],
  ])("refuses %j and goes to the overview", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
});
