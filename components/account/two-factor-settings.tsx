"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input } from "@/components/ui/field";
import { Card } from "@/components/ui/page-header";
import { useActionRunner } from "@/components/ui/use-action";
import { formatDateTime } from "@/components/ui/format";
import {
  confirmTwoFactorAction,
  newRecoveryCodesAction,
  startTwoFactorAction,
  turnOffTwoFactorAction,
} from "@/app/(app)/account/security/actions";

interface Props {
  enabledAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
  /** The person may use nothing else until they enrol. */
  mustEnrol: boolean;
}

/**
 * Two-factor sign-in on the account page: set it up (QR code or key, then a code from the
 * app), the recovery codes shown once, new codes and turning it off (each for a code).
 */
export function TwoFactorSettings({ enabledAt, recoveryCodesLeft, required, mustEnrol }: Props) {
  const t = useTranslations("TwoFactor");
  const locale = useLocale();
  const router = useRouter();
  const { run, pending, message, fieldErrors } = useActionRunner();
  const [setup, setSetup] = useState<{
    secret: string;
    qr: { size: number; path: string };
  } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [intent, setIntent] = useState<"new-codes" | "turn-off" | null>(null);
  // Whether the person came here made to enrol: the page's data is fresh after the setup
  // (every action refreshes it), and then says they no longer must.
  const [sentHere] = useState(mustEnrol);

  if (codes) {
    return (
      <Card title={t("codesTitle")}>
        <div className="space-y-3 text-sm">
          <p>{t("codesHint")}</p>
          <ul
            className="grid max-w-sm grid-cols-2 gap-2 font-mono"
            aria-label={t("codesLabel")}
            data-testid="recovery-codes"
          >
            {codes.map((c) => (
              <li key={c} className="rounded bg-slate-100 px-2 py-1">
                {c}
              </li>
            ))}
          </ul>
          <div>
            <CopyButton text={codes.join("\n")} what={t("theCodes")} />
          </div>
          <Button
            onClick={() => {
              setCodes(null);
              if (sentHere) router.replace("/");
              router.refresh();
            }}
          >
            {sentHere ? t("savedGo") : t("saved")}
          </Button>
        </div>
      </Card>
    );
  }

  const codeField = (label: string) => (
    <Field label={label} error={fieldErrors.code} required>
      <Input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
    </Field>
  );

  if (!enabledAt) {
    return (
      <Card title={t("title")}>
        <div className="space-y-4 text-sm">
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
          {mustEnrol && <Alert tone="error">{t("mustEnrol")}</Alert>}
          <p>
            <Badge tone="neutral">{t("off")}</Badge> {required ? t("required") : t("offHint")}
          </p>
          {!setup ? (
            <Button
              disabled={pending}
              onClick={() =>
                void run(() => startTwoFactorAction({}), { onSuccess: setSetup, refresh: false })
              }
            >
              {t("setUp")}
            </Button>
          ) : (
            <form
              className="space-y-4"
              aria-label={t("confirmForm")}
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => confirmTwoFactorAction({ code }), {
                  refresh: false,
                  onSuccess: (data) => {
                    setCodes(data.recoveryCodes);
                    setSetup(null);
                    setCode("");
                  },
                });
              }}
            >
              <ol className="list-decimal space-y-3 ps-5">
                <li>
                  {t("scan")}
                  <svg
                    role="img"
                    aria-label={t("qr")}
                    viewBox={`-4 -4 ${setup.qr.size + 8} ${setup.qr.size + 8}`}
                    className="mt-2 h-48 w-48 bg-white"
                  >
                    <path d={setup.qr.path} fill="#000" />
                  </svg>
                  <p className="mt-2">
                    {t("orType")}{" "}
                    <code className="font-mono break-all" data-testid="totp-key">
                      {setup.secret}
                    </code>
                  </p>
                </li>
                <li>{t("typeCode")}</li>
              </ol>
              <div className="max-w-xs">{codeField(t("code"))}</div>
              <Button type="submit" disabled={pending}>
                {t("turnOn")}
              </Button>
            </form>
          )}
        </div>
      </Card>
    );
  }

  return (
    <Card title={t("title")}>
      <div className="space-y-4 text-sm">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <p>
          <Badge tone="success">{t("on")}</Badge>{" "}
          {t("since", { date: formatDateTime(new Date(enabledAt), locale) })}{" "}
          {t("codesLeft", { count: recoveryCodesLeft })}
          {required && ` ${t("required")}`}
        </p>
        {intent ? (
          <form
            className="space-y-3"
            aria-label={intent === "turn-off" ? t("turnOffForm") : t("newCodes")}
            onSubmit={(e) => {
              e.preventDefault();
              if (intent === "turn-off") {
                void run(() => turnOffTwoFactorAction({ code }), {
                  success: t("isOff"),
                  onSuccess: () => {
                    setIntent(null);
                    setCode("");
                  },
                });
              } else {
                void run(() => newRecoveryCodesAction({ code }), {
                  onSuccess: (data) => {
                    setCodes(data.recoveryCodes);
                    setIntent(null);
                    setCode("");
                  },
                  refresh: false,
                });
              }
            }}
          >
            <div className="max-w-xs">{codeField(t("code"))}</div>
            <div className="flex gap-2">
              <Button type="submit" variant={intent === "turn-off" ? "danger" : "primary"}>
                {intent === "turn-off" ? t("turnOff") : t("makeCodes")}
              </Button>
              <Button variant="ghost" onClick={() => setIntent(null)}>
                {t("cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setIntent("new-codes")}>
              {t("newCodes")}
            </Button>
            {!required && (
              <Button variant="danger" onClick={() => setIntent("turn-off")}>
                {t("turnOffOpen")}
              </Button>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
