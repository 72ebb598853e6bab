/** What an API token may do. */
export const API_SCOPES = ["claims:read", "export:read", "claims:unpublished"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "claims:read": "List claims (GET /api/v1/claims)",
  "export:read": "Download exports (GET /api/v1/export.*)",
  "claims:unpublished": "Include claims that are not approved yet",
};
