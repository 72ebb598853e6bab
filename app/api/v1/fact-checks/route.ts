import { unlessBusy } from "@/lib/auth/api";
import { factChecksForApi } from "@/lib/data/public";
import { factChecksQuery } from "@/lib/validation/public";
import { queryProblems } from "@/lib/validation/field-errors";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/fact-checks: the desk's published fact-checks, newest first, with their
 * public addresses. Public like the pages themselves: no token, and nothing but what the
 * pages show (it reads lib/data/public only).
 */
export async function GET(request: Request) {
  return unlessBusy(() => factChecks(request));
}

async function factChecks(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const parsed = factChecksQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return Response.json({ error: queryProblems(parsed.error) }, { status: 400 });
  }
  const { data, before } = await factChecksForApi(parsed.data);
  let next: string | null = null;
  if (before) {
    url.searchParams.set("before", before);
    next = `${url.pathname}${url.search}`;
  }
  return Response.json(
    { data, next },
    { headers: { "cache-control": "public, max-age=60", "access-control-allow-origin": "*" } },
  );
}
