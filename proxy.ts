import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

/**
 * An early, optimistic gate: page requests without a session cookie go to /login, with
 * the page to return to. The real check (session still valid, role) runs on the server
 * in every page, action and route handler; API routes answer 401 themselves.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!login|logout|api/|_next/|favicon.ico|robots.txt).*)"],
};
