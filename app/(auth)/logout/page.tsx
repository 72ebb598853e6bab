import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { LogoutButton } from "@/components/auth/logout-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Logout"))("title") };
}

export default async function LogoutPage() {
  const [user, t] = await Promise.all([getCurrentUser(), getTranslations("Logout")]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="mb-4 text-xl font-semibold">{t("title")}</h1>
        {user ? (
          <>
            <p className="mb-4 text-sm text-slate-700">{t("signedInAs", { name: user.name })}</p>
            <LogoutButton variant="primary" />
          </>
        ) : (
          <p className="text-sm text-slate-700">
            {t("notSignedIn")}{" "}
            <Link className="text-brand-700 underline" href="/login">
              {t("signIn")}
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
