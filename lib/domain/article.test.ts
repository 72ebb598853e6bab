import { describe, expect, it } from "vitest";
import { articleContentHash, normaliseArticleText } from "./article";

describe("article duplicate detection", () => {
  it("treats copies that differ only in whitespace, case and Unicode forms as the same article", () => {
    const a = "Kremlin spokesman Dmitry Peskov said.\n\nThe US position…";
    const b = "  kremlin spokesman  dmitry peskov said. The US position...  ".replace("...", "…");
    const c = "Kremlin spokesman Dmitry Peskov said.\r\n\r\nThe US position\u2026"; // same ellipsis
    expect(articleContentHash(a)).toBe(articleContentHash(b));
    expect(articleContentHash(a)).toBe(articleContentHash(c));
    expect(normaliseArticleText("ﬁnal\u00a0word")).toBe("final word");
  });

  it("tells different articles apart", () => {
    expect(articleContentHash("Peskov said yes.")).not.toBe(articleContentHash("Peskov said no."));
  });
});
