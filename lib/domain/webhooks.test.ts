import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  BACKOFF_MINUTES,
  MAX_DELIVERY_ATTEMPTS,
  nextAttemptAt,
  signatureHeader,
  verifySignature,
  webhookBody,
  type WebhookEvent,
} from "./webhooks";

const event: WebhookEvent = {
  id: "42",
  type: "claim.returned",
  createdAt: "2026-12-07T10:00:00.000Z",
  actor: { id: "u1", name: "Ed" },
  claim: { id: "c1", text: "Crime fell", url: "https://desk.example/claims/c1" },
  data: { reason: "Cite <it> & more" },
  text: "Ed returned “Crime fell” to you: Cite <it> & more",
};

describe("webhook signatures", () => {
  it("are HMAC-SHA256 of '<t>.<body>', as the README's receiver computes them", () => {
    const body = webhookBody(event, "json");
    const header = signatureHeader("whsec_k", 1_700_000_000, body);
    const mac = createHmac("sha256", "whsec_k").update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${mac}`);
    expect(verifySignature("whsec_k", header, body, 1_700_000_100)).toBe(true);
  });

  it("fail for another body, another secret, a stale or future time, or a malformed header", () => {
    const body = webhookBody(event, "json");
    const header = signatureHeader("whsec_k", 1_700_000_000, body);
    expect(verifySignature("whsec_k", header, `${body} `, 1_700_000_000)).toBe(false);
    expect(verifySignature("whsec_j", header, body, 1_700_000_000)).toBe(false);
    expect(verifySignature("whsec_k", header, body, 1_700_000_301)).toBe(false);
    expect(verifySignature("whsec_k", header, body, 1_699_999_699)).toBe(false);
    for (const bad of [
      "",
      "t=1700000000",
      "v1=00",
      "t=x,v1=" + "0".repeat(64),
      header.slice(0, -2),
    ]) {
      expect(verifySignature("whsec_k", bad, body, 1_700_000_000), bad).toBe(false);
    }
  });
});

describe("webhook bodies", () => {
  it("are the event itself as JSON, or Slack's { text } with the link, escaped", () => {
    expect(JSON.parse(webhookBody(event, "json"))).toEqual(event);
    expect(JSON.parse(webhookBody(event, "slack"))).toEqual({
      text: "Ed returned “Crime fell” to you: Cite &lt;it&gt; &amp; more <https://desk.example/claims/c1|Open in ClaimDesk>",
    });
  });
});

describe("the backoff schedule", () => {
  it("doubles from a minute to eight hours, over about a day, then stops", () => {
    const start = new Date("2026-12-07T00:00:00Z");
    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const next = nextAttemptAt(attempt, start, () => 0);
      if (!next) {
        expect(attempt).toBe(MAX_DELIVERY_ATTEMPTS);
        break;
      }
      waits.push((next.getTime() - start.getTime()) / 60_000);
    }
    expect(waits).toEqual([...BACKOFF_MINUTES]);
    const total = waits.reduce((a, b) => a + b, 0) / 60;
    expect(total).toBeGreaterThan(23);
    expect(total).toBeLessThan(25);
    // Jitter adds at most a tenth.
    const late = nextAttemptAt(3, start, () => 0.999)!;
    expect((late.getTime() - start.getTime()) / 60_000).toBeCloseTo(4 * 1.0999, 3);
  });
});
