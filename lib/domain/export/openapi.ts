import { CSV_COLUMNS } from "./csv";

const filters = [
  {
    name: "state",
    in: "query",
    schema: {
      type: "string",
      enum: ["APPROVED", "NEW", "IN_REVIEW", "SUBMITTED", "DISMISSED", "ALL"],
      default: "APPROVED",
    },
    description: "Anything but APPROVED needs the claims:unpublished scope.",
  },
  {
    name: "from",
    in: "query",
    schema: { type: "string", format: "date" },
    description: "Approved (or created) on or after this day.",
  },
  {
    name: "to",
    in: "query",
    schema: { type: "string", format: "date" },
    description: "Approved (or created) on or before this day.",
  },
  { name: "article", in: "query", schema: { type: "string", format: "uuid" } },
  { name: "verdict", in: "query", schema: { type: "string", format: "uuid" } },
  { name: "reviewer", in: "query", schema: { type: "string", format: "uuid" } },
];

const errors = {
  "400": { description: "A filter is malformed; the message says which." },
  "401": { description: "No API token, or a revoked one." },
  "403": { description: "The token lacks the scope this request needs." },
};

/** The machine-facing API, served at /api/v1/openapi.json. */
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
      Claim: {
        type: "object",
        description: "One reviewed claim; the same fields in JSON, JSONL and (as columns) CSV.",
        properties: {
          id: { type: "string", format: "uuid" },
          text: { type: "string" },
          kind: { type: "string", enum: ["DIRECT_QUOTE", "INDIRECT_QUOTE", "ASSERTION"] },
          state: { type: "string" },
          speakerName: { type: ["string", "null"] },
          speakerRole: { type: ["string", "null"] },
          articleTitle: { type: ["string", "null"] },
          articleUrl: { type: ["string", "null"] },
          start: {
            type: ["integer", "null"],
            description: "Offset of the claim in the article text (UTF-16 code units).",
          },
          end: { type: ["integer", "null"] },
          verdictLabel: { type: ["string", "null"] },
          verdictRatingValue: { type: ["integer", "null"] },
          rationale: { type: ["string", "null"] },
          evidence: { type: "array", items: { type: "object" } },
          reviewer: { type: ["string", "null"] },
          approver: { type: ["string", "null"] },
          approvedAt: { type: ["string", "null"], format: "date-time" },
          corrected: { type: "boolean", description: "Re-approved after a correction." },
          appUrl: { type: "string" },
        },
      },
    },
  },
  security: [{ token: [] }],
  paths: {
    "/api/v1/claims": {
      get: {
        summary: "List claims (scope claims:read)",
        parameters: [
          ...filters,
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
          },
          {
            name: "after",
            in: "query",
            schema: { type: "string", format: "uuid" },
            description: "The `next` of the previous page.",
          },
        ],
        responses: {
          "200": {
            description: "A page of claims and the cursor of the next page (null on the last).",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    data: { type: "array", items: { $ref: "#/components/schemas/Claim" } },
                    next: { type: ["string", "null"] },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    "/api/v1/claims/{id}/similar": {
      get: {
        summary:
          "Claims that say nearly the same, best first (scope claims:read; a token without claims:unpublished sees approved claims of an approved claim only)",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 50, default: 8 },
          },
        ],
        responses: {
          "200": {
            description: "Similar claims with their state, verdict label and similarity (0-1).",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    data: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          id: { type: "string", format: "uuid" },
                          text: { type: "string" },
                          state: { type: "string" },
                          verdict: { type: ["string", "null"] },
                          score: { type: "number" },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          "404": { description: "No such claim (or not approved, without claims:unpublished)." },
        },
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
