import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { LogoutButton } from "@/components/auth/logout-button";

export const metadata: Metadata = { title: "Log out" };

export default async function LogoutPage() {
  const user = await getCurrentUser();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="mb-4 text-xl font-semibold">Log out</h1>
        {user ? (
          <>
            <p className="mb-4 text-sm text-slate-700">
              You are signed in as {user.name}. Logging out ends this session on every device.
            </p>
            <LogoutButton variant="primary" />
          </>
        ) : (
          <p className="text-sm text-slate-700">
            You are not signed in.{" "}
            <Link className="text-brand-700 underline" href="/login">
              Sign in
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
