import { describe, expect, it } from "vitest";
import { digestMail, eventMail } from "./mail";

describe("mails", () => {
  it("escape what people wrote in the HTML part, and keep it as written in the text part", () => {
    const mail = eventMail(
      'Ed returned “<b>x</b>” & "y"',
      "https://desk.example/claims/1",
      "https://desk.example/notifications/settings",
    );
    expect(mail.subject).toBe('ClaimDesk: Ed returned “<b>x</b>” & "y"');
    expect(mail.html).toContain("Ed returned “&lt;b&gt;x&lt;/b&gt;” &amp; &quot;y&quot;");
    expect(mail.html).not.toContain("<b>x</b>");
    expect(mail.text).toContain("Open: https://desk.example/claims/1");
    expect(mail.text).toContain("https://desk.example/notifications/settings");
  });

  it("shorten a long subject", () => {
    const mail = eventMail("x".repeat(300), "https://d/c", "https://d/s");
    expect(mail.subject.length).toBeLessThanOrEqual("ClaimDesk: ".length + 110);
    expect(mail.subject.endsWith("…")).toBe(true);
  });

  it("make a digest only of sections with something in them, counting the rest", () => {
    expect(
      digestMail("Rita", [{ title: "Overdue", items: [], more: 0 }], "https://d/s"),
    ).toBeNull();
    const mail = digestMail(
      "Rita",
      [
        { title: "Overdue", items: [{ text: "Rents rose", url: "https://d/c/1" }], more: 2 },
        { title: "Assigned to you", items: [], more: 0 },
      ],
      "https://d/s",
    )!;
    expect(mail.subject).toBe("ClaimDesk digest: 3 claims need you");
    expect(mail.text).toContain("Overdue:\n- Rents rose\n  https://d/c/1\nand 2 more");
    expect(mail.text).not.toContain("Assigned to you");
  });
});
