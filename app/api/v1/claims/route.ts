import { authorizeApi, mayReadUnpublished, unlessBusy } from "@/lib/auth/api";
import { claimsPageForApi } from "@/lib/data/export";
import { appBaseUrl } from "@/lib/publisher";
import { claimsPage, filterParams } from "@/lib/validation/export";

export const dynamic = "force-dynamic";

/** GET /api/v1/claims: reviewed claims as JSON, filtered, with cursor pagination. */
export async function GET(request: Request) {
  return unlessBusy(() => claims(request));
}

async function claims(request: Request): Promise<Response> {
  const auth = await authorizeApi(request, "claims:read");
  if (!auth.ok) return auth.response;
  const parsed = claimsPage.safeParse(filterParams(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json(
      { error: parsed.error.issues.map((i) => i.message).join("; ") },
      { status: 400 },
    );
  }
  const { limit, after, ...filter } = parsed.data;
  if (filter.state !== "APPROVED" && !mayReadUnpublished(auth.caller)) {
    return Response.json(
      { error: "Claims that are not approved need the claims:unpublished scope or an editor" },
      { status: 403 },
    );
  }
  const body = await claimsPageForApi(filter, limit, after, {
    appBase: appBaseUrl(),
    nextUrl: (id) => {
      const next = new URL(request.url);
      next.searchParams.set("after", id);
      return `${next.pathname}${next.search}`;
    },
  });
  return new Response(body, {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
