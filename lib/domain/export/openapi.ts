import { repeatsQuery } from "@/lib/validation/claim";
import { z } from "zod";
import { claimsPage, exportFilter, similarQuery } from "@/lib/validation/export";
import { factChecksQuery } from "@/lib/validation/public";
import { CSV_COLUMNS } from "./csv";
import { exportClaimSchema } from "./types";
import { AGREEMENT_CSV_COLUMNS } from "@/lib/domain/agreement";
import { EVENT_INFO, EVENT_NAMES } from "@/lib/domain/events";
import {
  EVENT_ID_HEADER,
  EVENT_NAME_HEADER,
  SIGNATURE_HEADER,
  webhookEventSchema,
} from "@/lib/domain/webhooks";

/**
 * What the desk POSTs to a webhook endpoint for each event (OpenAPI 3.1's `webhooks`): the
 * WebhookEvent body (or Slack's `{ "text": … }` for a Slack endpoint) and its headers.
 */
const WEBHOOKS = Object.fromEntries(
  EVENT_NAMES.map((name) => [
    name,
    {
      post: {
        summary: `${name}: ${EVENT_INFO[name].summary}`,
        description:
          "Sent to each endpoint that chose this event, at least once: drop a repeat by its id. Verify the signature before trusting the body (README, Webhooks).",
        parameters: [
          {
            name: SIGNATURE_HEADER,
            in: "header",
            required: true,
            description:
              '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint\'s secret>`',
            schema: { type: "string" },
          },
          {
            name: EVENT_ID_HEADER,
            in: "header",
            required: true,
            description: "The event's id, as in the body.",
            schema: { type: "string" },
          },
          {
            name: EVENT_NAME_HEADER,
            in: "header",
            required: true,
            schema: { type: "string", const: name },
          },
        ],
        requestBody: {
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/WebhookEvent" } },
          },
        },
        responses: {
          "2XX": {
            description:
              "Taken. Any other answer, or none in time, is retried with backoff over a day.",
          },
        },
      },
    },
  ]),
);

type JsonSchema = Record<string, unknown>;

/** Each field of a query schema as an OpenAPI parameter, its description lifted out. */
function queryParameters(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      required: json.required?.includes(name) ?? false,
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

/** A schema as OpenAPI's components hold it (no $schema line). */
function componentSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "output" }) as JsonSchema;
  return rest;
}

const filters = queryParameters(exportFilter);
const similarParameters = queryParameters(similarQuery.omit({ claimId: true }));

const errors = {
  "400": { description: "A filter is malformed; the message says which." },
  "401": { description: "No API token, or a revoked one." },
  "403": { description: "The token lacks the scope this request needs." },
};

/** A 200 answer of the API's lists: `data` (the items) and the link of the next page. */
function listResponse(description: string, items: object, { next = true } = {}) {
  return {
    description,
    content: {
      "application/json": {
        schema: {
          type: "object",
          properties: {
            data: { type: "array", items },
            ...(next ? { next: { type: ["string", "null"] } } : {}),
          },
        },
      },
    },
  };
}

/**
 * The machine-facing API, served at /api/v1/openapi.json. Parameters and the claim's shape
 * are generated from the zod schemas that validate and type them (z.toJSONSchema), so the
 * description cannot drift from what the routes accept and send.
 */
export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "ClaimDesk API",
    version: "1",
    description:
      "Reviewed claims of a fact-check desk. Authenticate with `Authorization: Bearer <token>`; admins create tokens under Admin → API tokens.",
  },
  components: {
    securitySchemes: { token: { type: "http", scheme: "bearer" } },
    schemas: {
      Claim: componentSchema(exportClaimSchema),
      WebhookEvent: componentSchema(webhookEventSchema),
    },
  },
  security: [{ token: [] }],
  webhooks: WEBHOOKS,
  paths: {
    "/api/v1/claims": {
      get: {
        summary: "List claims (scope claims:read)",
        parameters: queryParameters(claimsPage),
        responses: {
          "200": listResponse(
            "A page of claims and the cursor of the next page (null on the last).",
            { $ref: "#/components/schemas/Claim" },
          ),
          ...errors,
        },
      },
    },
    "/api/v1/fact-checks": {
      get: {
        summary: "List published fact-checks, newest first (public: no token)",
        description:
          "What the desk's public pages show, with each page's address (`url`, also ClaimReview's url in the exports). A fact-check reopened for a correction stays listed with `underReview: true`; a withdrawn one is not listed.",
        security: [],
        parameters: queryParameters(factChecksQuery),
        responses: {
          "200": listResponse(
            "A page of fact-checks and the link of the next page (null on the last).",
            {
              type: "object",
              properties: {
                slug: { type: "string" },
                url: { type: "string", format: "uri" },
                headline: { type: "string" },
                claimReviewed: { type: "string" },
                claimantName: { type: "string" },
                appearanceUrl: { type: "string" },
                verdictLabel: { type: "string" },
                verdictKey: { type: "string" },
                verdictRating: { type: "integer" },
                underReview: { type: "boolean" },
                publishedAt: { type: "string", format: "date-time" },
                updatedAt: { type: "string", format: "date-time" },
              },
            },
          ),
          "400": { description: "A parameter is not valid (the message names it)." },
          "503": { description: "The database is busy; retry after the Retry-After seconds." },
        },
      },
    },
    "/api/v1/claims/{id}/similar": {
      get: {
        summary:
          "Claims that say nearly the same, best first (scope claims:read; a token without claims:unpublished sees approved claims of an approved claim only)",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          ...similarParameters,
        ],
        responses: {
          "200": listResponse(
            "Similar claims with their state, verdict label and similarity (0-1).",
            {
              type: "object",
              properties: {
                id: { type: "string", format: "uuid" },
                text: { type: "string" },
                state: { type: "string" },
                verdict: { type: ["string", "null"] },
                score: { type: "number" },
                articleId: { type: ["string", "null"], format: "uuid" },
                articleTitle: { type: ["string", "null"] },
                createdAt: { type: "string", format: "date-time" },
                approvedAt: { type: ["string", "null"], format: "date-time" },
                reviewer: {
                  type: ["string", "null"],
                  description: "Who submitted its latest verdict.",
                },
              },
            },
            { next: false },
          ),
          "404": { description: "No such claim (or not approved, without claims:unpublished)." },
        },
      },
    },
    "/api/v1/repeats": {
      get: {
        summary:
          "New claims that repeat a verdict the desk approved, newest first (scope claims:read and claims:unpublished)",
        description:
          "Found at import by matching each check-worthy claim against the fact-check library (the desk's approved verdicts among its records); a match a reviewer judged not the same claim is left out.",
        parameters: queryParameters(repeatsQuery),
        responses: {
          "200": listResponse(
            "Repeats: the new claim, where it appeared, the score (0-1) and the earlier verdict.",
            {
              type: "object",
              properties: {
                claim: {
                  type: "object",
                  properties: {
                    id: { type: "string", format: "uuid" },
                    text: { type: "string" },
                    url: { type: "string", format: "uri" },
                  },
                },
                speaker: { type: ["string", "null"] },
                outlet: { type: ["string", "null"] },
                article: { type: ["string", "null"] },
                foundAt: { type: "string", format: "date-time" },
                score: { type: "number" },
                repeats: {
                  type: "object",
                  properties: {
                    claimId: { type: "string", format: "uuid" },
                    text: { type: "string" },
                    rating: { type: ["string", "null"] },
                    ratedAt: { type: ["string", "null"], format: "date-time" },
                    url: { type: ["string", "null"], format: "uri" },
                  },
                },
              },
            },
            { next: false },
          ),
          ...errors,
        },
      },
    },
    "/api/v1/match-judgements": {
      get: {
        summary:
          "Matches reviewers judged Same claim / Not the same, as labelled pairs (scope claims:read and claims:unpublished)",
        description:
          "JSON Lines, one pair a line: claim_id, claim, fact_check (its key), fact_check_claim, score, lexical, semantic, stage, label (1 same, 0 not), judged_at.",
        responses: {
          "200": { description: "The pairs", content: { "application/x-ndjson": {} } },
          ...errors,
        },
      },
    },
    "/api/v1/agreement.csv": {
      get: {
        summary:
          "The pairs of blind verdicts behind the overview's agreement figures (scope claims:read and claims:unpublished)",
        description: `CSV, UTF-8 with a byte-order mark and a header row, one row per double-reviewed claim whose two reviews are both in, oldest claim first: ${AGREEMENT_CSV_COLUMNS.join(", ")}. Verdicts are the vocabulary's keys; the first reviewer is whoever took the claim first; reconciliation is ADOPT, FINAL or empty.`,
        responses: { "200": { description: "The pairs", content: { "text/csv": {} } }, ...errors },
      },
    },
    "/api/v1/export.csv": {
      get: {
        summary: "CSV download (scope export:read)",
        description: `RFC 4180, UTF-8 with a byte-order mark and a header row. Columns: ${CSV_COLUMNS.join(", ")}. Cells starting with = + - @ or a tab get a leading apostrophe.`,
        parameters: filters,
        responses: { "200": { description: "The claims", content: { "text/csv": {} } }, ...errors },
      },
    },
    "/api/v1/export.json": {
      get: {
        summary: "JSON array download (scope export:read)",
        parameters: filters,
        responses: { "200": { description: "The claims" }, ...errors },
      },
    },
    "/api/v1/export.jsonl": {
      get: {
        summary: "JSON Lines download, one claim per line (scope export:read)",
        parameters: filters,
        responses: { "200": { description: "The claims" }, ...errors },
      },
    },
    "/api/v1/export.claimreview.json": {
      get: {
        summary: "schema.org ClaimReview JSON-LD, one per claim (scope export:read)",
        parameters: filters,
        responses: { "200": { description: "An array of ClaimReview objects" }, ...errors },
      },
    },
  },
} as const;
