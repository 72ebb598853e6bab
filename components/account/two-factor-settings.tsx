"use client";

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
      <Card title="Your recovery codes">
        <div className="space-y-3 text-sm">
          <p>
            Each code signs you in once if you lose your phone. Keep them somewhere safe (a password
            manager); they are shown only now.
          </p>
          <ul
            className="grid max-w-sm grid-cols-2 gap-2 font-mono"
            aria-label="Recovery codes"
            data-testid="recovery-codes"
          >
            {codes.map((c) => (
              <li key={c} className="rounded bg-slate-100 px-2 py-1">
                {c}
              </li>
            ))}
          </ul>
          <div>
            <CopyButton text={codes.join("\n")} what="the codes" />
          </div>
          <Button
            onClick={() => {
              setCodes(null);
              if (sentHere) router.replace("/");
              router.refresh();
            }}
          >
            {sentHere ? "I have saved them: go to the desk" : "I have saved them"}
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
      <Card title="Two-factor sign-in">
        <div className="space-y-4 text-sm">
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
          {mustEnrol && (
            <Alert tone="error">
              Your account must have two-factor sign-in before you can use the desk. Set it up now:
              it takes a minute and an authenticator app on your phone.
            </Alert>
          )}
          <p>
            <Badge tone="neutral">Off</Badge>{" "}
            {required
              ? "Required for your account."
              : "After your password, the desk will ask for a code from an app on your phone."}
          </p>
          {!setup ? (
            <Button
              disabled={pending}
              onClick={() =>
                void run(() => startTwoFactorAction({}), { onSuccess: setSetup, refresh: false })
              }
            >
              Set up two-factor sign-in
            </Button>
          ) : (
            <form
              className="space-y-4"
              aria-label="Confirm two-factor sign-in"
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
              <ol className="list-decimal space-y-3 pl-5">
                <li>
                  Scan this code with an authenticator app (Google Authenticator, Microsoft
                  Authenticator, 1Password, Authy…):
                  <svg
                    role="img"
                    aria-label="QR code of your two-factor key"
                    viewBox={`-4 -4 ${setup.qr.size + 8} ${setup.qr.size + 8}`}
                    className="mt-2 h-48 w-48 bg-white"
                  >
                    <path d={setup.qr.path} fill="#000" />
                  </svg>
                  <p className="mt-2">
                    Or type this key into the app:{" "}
                    <code className="font-mono break-all" data-testid="totp-key">
                      {setup.secret}
                    </code>
                  </p>
                </li>
                <li>Type the six-digit code the app shows.</li>
              </ol>
              <div className="max-w-xs">{codeField("Code from the app")}</div>
              <Button type="submit" disabled={pending}>
                Turn on
              </Button>
            </form>
          )}
        </div>
      </Card>
    );
  }

  return (
    <Card title="Two-factor sign-in">
      <div className="space-y-4 text-sm">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <p>
          <Badge tone="success">On</Badge> since {formatDateTime(new Date(enabledAt))}.{" "}
          {recoveryCodesLeft} of 10 recovery codes left.
          {required && " Required for your account."}
        </p>
        {intent ? (
          <form
            className="space-y-3"
            aria-label={
              intent === "turn-off" ? "Turn off two-factor sign-in" : "New recovery codes"
            }
            onSubmit={(e) => {
              e.preventDefault();
              if (intent === "turn-off") {
                void run(() => turnOffTwoFactorAction({ code }), {
                  success: "Two-factor sign-in is off.",
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
            <div className="max-w-xs">{codeField("Code from the app")}</div>
            <div className="flex gap-2">
              <Button type="submit" variant={intent === "turn-off" ? "danger" : "primary"}>
                {intent === "turn-off" ? "Turn off" : "Make new codes"}
              </Button>
              <Button variant="ghost" onClick={() => setIntent(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setIntent("new-codes")}>
              New recovery codes
            </Button>
            {!required && (
              <Button variant="danger" onClick={() => setIntent("turn-off")}>
                Turn off…
              </Button>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
