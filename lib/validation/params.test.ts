import { describe, expect, it } from "vitest";
import { isCalendarDate, isStorableText, parseInstant } from "./params";
import { decodeCursor, encodeCursor, queueQuery } from "./queue";
import { claimsPage } from "./export";

const ID = "0b7f6c1e-6a3e-4c1d-9a57-2f4f0c8d9e11";

describe("URL parameters", () => {
  it("takes only dates that exist", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    for (const bad of ["2024-13-45", "2023-02-29", "2024-00-10", "2024-1-1", "2024-01-01x"]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
    expect(claimsPage.safeParse({ from: "2024-13-45" }).success).toBe(false);
    expect(queueQuery.parse({ from: "2024-13-45", to: "2024-12-31" })).toMatchObject({
      from: undefined,
      to: "2024-12-31",
    });
  });

  it("drops text PostgreSQL cannot hold from the queue's filters", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("\ud800")).toBe(false);
    expect(queueQuery.parse({ q: "\u0000", speaker: "x\udfff" })).toMatchObject({
      q: undefined,
      speaker: undefined,
    });
  });

  it("reads a cursor only with the kind of key its order needs", () => {
    const dated = encodeCursor({ key: "2024-05-01T10:00:00.000Z", id: ID });
    expect(decodeCursor(dated, "date")?.key.toISOString()).toBe("2024-05-01T10:00:00.000Z");
    expect(decodeCursor(dated, "number")).toBeNull();
    const notADate = Buffer.from(JSON.stringify(["not a date", ID])).toString("base64url");
    expect(decodeCursor(notADate, "date")).toBeNull();
    expect(decodeCursor(encodeCursor({ key: 0.5, id: ID }), "number")?.key).toBe(0.5);
    expect(decodeCursor(encodeCursor({ key: 0.5, id: "not-a-uuid" }), "number")).toBeNull();
    for (const junk of ["", "%%%", Buffer.from("[1,2,3]").toString("base64url"), "bnVsbA"]) {
      expect(decodeCursor(junk, "date")).toBeNull();
    }
    expect(parseInstant("x".repeat(1000))).toBeNull();
  });
});
