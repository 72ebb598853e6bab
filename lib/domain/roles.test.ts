import { describe, expect, it } from "vitest";
import { hasRole, navItemsFor, ROLES, safeCallbackPath } from "./roles";

describe("roles", () => {
  it("each role includes the ones below it and none above", () => {
    const table = ROLES.map((actual) => ROLES.map((required) => hasRole(actual, required)));
    expect(table).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
  });

  it("a reviewer sees no Approvals or Admin; an editor no Admin; an admin everything", () => {
    const labels = (role: (typeof ROLES)[number]) => navItemsFor(role).map((i) => i.label);
    expect(labels("REVIEWER")).toEqual(["Overview", "Claims", "Articles", "Export", "Help"]);
    expect(labels("EDITOR")).toEqual([
      "Overview",
      "Claims",
      "Articles",
      "Approvals",
      "Feeds",
      "Export",
      "Help",
    ]);
    expect(labels("ADMIN")).toEqual([
      "Overview",
      "Claims",
      "Articles",
      "Approvals",
      "Feeds",
      "Export",
      "Admin",
      "Help",
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
