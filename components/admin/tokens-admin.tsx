"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(app)/admin/actions";
import { ShownOnce } from "@/components/ui/shown-once";
import { Alert } from "@/components/ui/alert";
import { useActionRunner } from "@/components/ui/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableHead } from "@/components/ui/table";
import { Field, Input } from "@/components/ui/field";
import { API_SCOPES, type ApiScope } from "@/lib/domain/api-scopes";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created: string;
  lastUsed: string;
  revoked: boolean;
  /** Not revoked, but stopped with its creator (disabled, or no longer an admin). */
  orphaned: boolean;
  createdBy: string;
}

export function TokensAdmin({ tokens }: { tokens: TokenRow[] }) {
  const t = useTranslations("Tokens");
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["claims:read", "export:read"]);
  const [secret, setSecret] = useState<string | null>(null);
  const { run, pending, message } = useActionRunner();
  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {secret && (
        <ShownOnce
          label={t("theToken")}
          value={secret}
          testId="token-secret"
          what={t("theTokenLower")}
        />
      )}
      <form
        aria-label={t("newToken")}
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => createTokenAction({ name, scopes }), {
            success: t("created"),
            onSuccess: (data) => {
              setSecret(data.secret);
              setName("");
            },
          });
        }}
      >
        <Field label={t("name")} hint={t("nameHint")} required>
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("scopes")}</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="mt-1 flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes(
                    e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope),
                  )
                }
              />
              <code>{scope}</code> — {t(`scope.${scope}`)}
            </label>
          ))}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {t("create")}
        </Button>
      </form>
      <Table caption={t("caption")}>
        <TableHead
          columns={[t("name"), t("startsWith"), t("scopes"), t("createdColumn"), t("lastUsed"), ""]}
        />
        <tbody className="divide-y divide-slate-100">
          {tokens.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                {t("empty")}
              </td>
            </tr>
          )}
          {tokens.map((token) => (
            <tr key={token.id}>
              <td className="px-3 py-2">{token.name}</td>
              <td className="px-3 py-2 font-mono text-xs">{token.prefix}…</td>
              <td className="px-3 py-2 text-xs">{token.scopes.join(", ")}</td>
              <td className="px-3 py-2">
                {t("createdBy", { date: token.created, name: token.createdBy })}
              </td>
              <td className="px-3 py-2">{token.lastUsed}</td>
              <td className="px-3 py-2">
                {token.revoked ? (
                  <Badge tone="danger">{t("revoked")}</Badge>
                ) : token.orphaned ? (
                  <Badge tone="warning">{t("orphaned")}</Badge>
                ) : (
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    onClick={() =>
                      run(() => revokeTokenAction({ tokenId: token.id }), {
                        success: t("revokedDone"),
                      })
                    }
                  >
                    {t("revoke")}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
