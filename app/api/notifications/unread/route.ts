import { getCurrentUser } from "@/lib/auth/session";
import { countUnread } from "@/lib/data/outbox";

export const dynamic = "force-dynamic";

/** GET /api/notifications/unread: the signed-in person's unread notifications, for the bell. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in" }, { status: 401 });
  return Response.json(
    { unread: await countUnread(user.id) },
    { headers: { "cache-control": "no-store" } },
  );
}
