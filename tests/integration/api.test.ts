import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_NAMES } from "@/lib/domain/events";
import { prisma } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { GET as exportRoute } from "@/app/api/v1/[file]/route";
import { GET as claimsRoute } from "@/app/api/v1/claims/route";
import { GET as similarRoute } from "@/app/api/v1/claims/[claimId]/similar/route";
import { createClaim, createUser } from "@/seeds/factories";
import { claimsPage } from "@/lib/validation/export";
import type { SessionUser } from "@/lib/data/users";

let admin: SessionUser;
let full: string;
let exportOnly: string;
let revoked: string;
let unpublished: string;

beforeAll(async () => {
  const u = await createUser(prisma, { role: "ADMIN" });
  admin = { id: u.id, email: u.email, name: u.name, role: "ADMIN" };
  full = (await createApiToken(admin, { name: "full", scopes: ["claims:read", "export:read"] }))
    .secret;
  exportOnly = (await createApiToken(admin, { name: "export", scopes: ["export:read"] })).secret;
  unpublished = (
    await createApiToken(admin, { name: "all", scopes: ["claims:read", "claims:unpublished"] })
  ).secret;
  const r = await createApiToken(admin, { name: "old", scopes: ["claims:read", "export:read"] });
  await revokeApiToken(admin, { tokenId: r.id });
  revoked = r.secret;
  await createClaim(prisma, { state: "APPROVED", text: "An approved claim for the API" });
});

afterAll(async () => {
  await prisma.$disconnect();
});

const call = (path: string, token?: string) =>
  new Request(`http://localhost${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const file = (name: string) => ({ params: Promise.resolve({ file: name }) });

describe("the machine API", () => {
  it("lists similar claims, approved ones only for a token without claims:unpublished", async () => {
    // Words no other test uses: the shared database holds other files' claims meanwhile.
    const word = () =>
      Array.from({ length: 9 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)]).join(
        "",
      );
    // Mostly those words, so that another file's "The bridge cost $4 million, officials
    // said." is never as close as these three are to each other.
    const text = `The ${word()} ${word()} ${word()} cost ${word()} ${word()} ${word()} ${word()} 41 million in 2019`;
    const approved = await createClaim(prisma, { state: "APPROVED", text });
    const submitted = await createClaim(prisma, { state: "SUBMITTED", text: `${text}.` });
    const fresh = await createClaim(prisma, { state: "APPROVED", text: `Officials said ${text}` });
    const similar = (id: string, token: string, query = "") =>
      similarRoute(call(`/api/v1/claims/${id}/similar${query}`, token), {
        params: Promise.resolve({ claimId: id }),
      });
    const all = await (await similar(fresh.id, unpublished)).json();
    expect(all.data.map((c: { id: string }) => c.id).sort()).toEqual(
      [approved.id, submitted.id].sort(),
    );
    expect(all.data[0].score).toBeGreaterThan(0.5);
    const published = await (await similar(fresh.id, full)).json();
    expect(published.data.map((c: { id: string }) => c.id)).toEqual([approved.id]);
    expect((await similar(submitted.id, full)).status).toBe(404);
    expect((await similar(fresh.id, exportOnly)).status).toBe(403);
    expect((await similar(fresh.id, full, "?limit=0")).status).toBe(400);
  });

  it("refuses a revoked or unknown token with 401 and a token without the scope with 403", async () => {
    expect((await claimsRoute(call("/api/v1/claims", revoked))).status).toBe(401);
    expect((await claimsRoute(call("/api/v1/claims", "cdk_not-a-token"))).status).toBe(401);
    expect((await claimsRoute(call("/api/v1/claims", exportOnly))).status).toBe(403);
    expect(
      (await exportRoute(call("/api/v1/export.csv", unpublished), file("export.csv"))).status,
    ).toBe(403);
  });

  it("keeps claims that are not approved for tokens with the claims:unpublished scope", async () => {
    expect((await claimsRoute(call("/api/v1/claims?state=SUBMITTED", full))).status).toBe(403);
    expect((await claimsRoute(call("/api/v1/claims?state=SUBMITTED", unpublished))).status).toBe(
      200,
    );
  });

  it("pages through claims with a cursor", async () => {
    const first = await (await claimsRoute(call("/api/v1/claims?limit=1", full))).json();
    expect(first.data).toHaveLength(1);
    if (first.next) {
      const second = await (
        await claimsRoute(call(`/api/v1/claims?limit=1&after=${first.next}`, full))
      ).json();
      expect(second.data[0].id > first.data[0].id).toBe(true);
    }
    expect((await claimsRoute(call("/api/v1/claims?limit=9999", full))).status).toBe(400);
  });

  it("streams an export as a named download and records the token's use", async () => {
    const response = await exportRoute(call("/api/v1/export.jsonl", full), file("export.jsonl"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="claimdesk-approved-\d{4}-\d{2}-\d{2}\.jsonl"$/,
    );
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.every((l) => l.state === "APPROVED")).toBe(true);
    expect(lines.some((l) => l.text === "An approved claim for the API")).toBe(true);
    const token = await prisma.apiToken.findFirstOrThrow({
      where: { name: "full", createdById: admin.id },
    });
    expect(token.lastUsedAt).toBeInstanceOf(Date);
    expect(token.secretHash).not.toContain(full);
  });

  it("serves its OpenAPI description and 404s unknown files", async () => {
    const spec = await (
      await exportRoute(call("/api/v1/openapi.json"), file("openapi.json"))
    ).json();
    expect(Object.keys(spec.paths)).toContain("/api/v1/export.claimreview.json");
    // Every event a webhook may receive, with the body's schema.
    expect(Object.keys(spec.webhooks).sort()).toEqual([...EVENT_NAMES].sort());
    expect(
      spec.webhooks["claim.returned"].post.requestBody.content["application/json"].schema,
    ).toEqual({ $ref: "#/components/schemas/WebhookEvent" });
    expect(Object.keys(spec.components.schemas.WebhookEvent.properties).sort()).toEqual([
      "actor",
      "claim",
      "createdAt",
      "data",
      "id",
      "text",
      "type",
    ]);
    // What the API sends and accepts is what it describes: every field of a claim it
    // returns, and every parameter the route's schema reads.
    const page = await (await claimsRoute(call("/api/v1/claims?limit=1", full))).json();
    const described = spec.components.schemas.Claim;
    expect(Object.keys(described.properties).sort()).toEqual(Object.keys(page.data[0]).sort());
    expect(described.required.sort()).toEqual(Object.keys(page.data[0]).sort());
    const parameters = spec.paths["/api/v1/claims"].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(parameters.sort()).toEqual(Object.keys(claimsPage.shape).sort());
    expect((await exportRoute(call("/api/v1/export.xml", full), file("export.xml"))).status).toBe(
      404,
    );
  });
});
