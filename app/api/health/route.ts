import { checkDatabase } from "@/lib/data/health";

export const dynamic = "force-dynamic";

/** For load balancers and monitoring: 200 when the app can reach its database, else 503. */
export async function GET() {
  const database = await checkDatabase();
  const body = {
    status: database.ok ? "ok" : "degraded",
    app: { status: "ok", uptimeSeconds: Math.round(process.uptime()) },
    database: { status: database.ok ? "ok" : "down", ...database },
  };
  return Response.json(body, {
    status: database.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
