import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth refuses a callbackUrl parameter that is not an http(s) URL or a path with a
 * 500 ("server configuration"): such a request is the client's mistake, so it gets a 400.
 */
function badCallbackUrl(request: Request): Response | null {
  const value = new URL(request.url).searchParams.get("callbackUrl");
  if (value === null) return null;
  try {
    const parsed = value.startsWith("/") ? new URL(value, "http://x") : new URL(value);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return null;
  } catch {
    // Not a URL.
  }
  return Response.json(
    { error: "callbackUrl must be a path or an http(s) address" },
    { status: 400, headers: { "cache-control": "no-store" } },
  );
}

/**
 * next-auth answers /api/auth/session from the cookie alone. A cookie that is still signed
 * but whose user was disabled, or whose sessions were ended (logout elsewhere, a role
 * change), gets the answer for nobody, as every page and action already gives it.
 */
async function GET(request: Request, context: Context) {
  const refused = badCallbackUrl(request);
  if (refused) return refused;
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "session" && !(await getCurrentUser())) {
    return Response.json({}, { headers: { "cache-control": "no-store" } });
  }
  return handler(request, context);
}

async function POST(request: Request, context: Context) {
  return badCallbackUrl(request) ?? handler(request, context);
}

export { GET, POST };
