import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/domain/roles";
import { LoginForm } from "@/components/auth/login-form";
import { authOptions, SSO_PROVIDER_ID } from "@/lib/auth/options";
import { signInErrorMessage } from "@/lib/domain/single-sign-on";
import { settings } from "@/lib/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Login"))("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const config = settings();
  const target = safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : undefined);
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="mb-2 text-center text-sm font-semibold tracking-wide text-brand-700 uppercase">
          ClaimDesk
        </p>
        <h1 className="mb-6 text-center text-2xl font-semibold">
          {(await getTranslations("Login"))("heading")}
        </h1>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <LoginForm
            callbackUrl={target}
            passwordLogin={config.CLAIMDESK_PASSWORD_LOGIN}
            sso={
              authOptions.providers.some((p) => p.id === SSO_PROVIDER_ID)
                ? { name: config.CLAIMDESK_OIDC_NAME }
                : null
            }
            error={typeof error === "string" ? signInErrorMessage(error) : null}
          />
        </div>
      </div>
    </main>
  );
}
