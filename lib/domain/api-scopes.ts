/** What an API token may do. */
export const API_SCOPES = ["claims:read", "export:read", "claims:unpublished"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
