"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

type Translate = ReturnType<typeof useTranslations<"Login">>;

/**
 * Why a sign-in failed, in words: one message for every refused login ("Email or password
 * is incorrect."), so nobody can probe which emails exist.
 */
function loginErrorMessage(code: string, t: Translate): string {
  const throttled = /^RATE_LIMITED:(\d+)$/.exec(code);
  if (throttled) {
    const seconds = Number(throttled[1]);
    return seconds >= 90
      ? t("throttledMinutes", { minutes: Math.ceil(seconds / 60) })
      : t("throttledSeconds", { seconds });
  }
  if (code === "CredentialsSignin") return t("refused");
  if (code === "SECOND_FACTOR_REFUSED") return t("codeRefused");
  return t("unavailable");
}

export function LoginForm({
  callbackUrl,
  passwordLogin = true,
  sso = null,
  error: initialError = null,
}: {
  callbackUrl: string;
  /** Whether email and password sign in (CLAIMDESK_PASSWORD_LOGIN). */
  passwordLogin?: boolean;
  /** The OpenID Connect provider, when one is configured. */
  sso?: { name: string } | null;
  /** Why the last attempt through the provider failed (the page's `?error=`). */
  error?: string | null;
}) {
  const t = useTranslations("Login");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  // The second step, once the password was right for an account with two-factor on.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState("");

  /** Back to the first step, with the password to type again (and a message, or none). */
  function startOver(message: string | null = null) {
    setAskCode(false);
    setCode("");
    setPassword("");
    setError(message);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email,
        password,
        ...(askCode ? { code } : {}),
        redirect: false,
      });
      if (result?.error === "SECOND_FACTOR_REQUIRED") {
        setAskCode(true);
        return;
      }
      if (!result || result.error) {
        const message = loginErrorMessage(result?.error ?? "unknown", t);
        if (askCode && result?.error === "SECOND_FACTOR_REFUSED") {
          setError(message);
          setCode("");
        } else {
          startOver(message);
        }
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(loginErrorMessage("unknown", t));
    } finally {
      setPending(false);
    }
  }

  if (askCode) {
    return (
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={t("secondStep")}>
        {error && <Alert tone="error">{error}</Alert>}
        <p className="text-sm text-slate-700">
          {t.rich("twoFactorOn", { email, strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
        <Field label={t("code")} hint={t("codeHint")} required>
          <Input
            name="code"
            autoComplete="one-time-code"
            autoFocus
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("checking") : t("verify")}
        </Button>
        <Button variant="ghost" className="w-full" onClick={() => startOver()}>
          {t("anotherAccount")}
        </Button>
      </form>
    );
  }

  const ssoButton = sso && (
    <Button
      variant={passwordLogin ? "secondary" : "primary"}
      className="w-full"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // A full-page journey to the provider and back through /api/auth/callback/oidc.
        void signIn("oidc", { callbackUrl });
      }}
    >
      {t("ssoButton", { name: sso.name })}
    </Button>
  );

  if (!passwordLogin) {
    return (
      <div className="space-y-4">
        {error && <Alert tone="error">{error}</Alert>}
        {ssoButton}
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <Field label={t("email")} required>
        <Input
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field label={t("password")} required>
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
      {ssoButton && (
        <>
          <p className="text-center text-xs text-slate-500 uppercase">{t("or")}</p>
          {ssoButton}
        </>
      )}
    </form>
  );
}
