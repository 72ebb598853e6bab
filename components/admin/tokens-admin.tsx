"use client";

import { useState } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(app)/admin/actions";
import { ShownOnce } from "@/components/ui/shown-once";
import { Alert } from "@/components/ui/alert";
import { useActionRunner } from "@/components/ui/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableHead } from "@/components/ui/table";
import { Field, Input } from "@/components/ui/field";
import { API_SCOPES, API_SCOPE_LABELS, type ApiScope } from "@/lib/domain/api-scopes";

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
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["claims:read", "export:read"]);
  const [secret, setSecret] = useState<string | null>(null);
  const { run, pending, message } = useActionRunner();
  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {secret && (
        <ShownOnce label="The token" value={secret} testId="token-secret" what="the token" />
      )}
      <form
        aria-label="New API token"
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => createTokenAction({ name, scopes }), {
            success: "Token created.",
            onSuccess: (data) => {
              setSecret(data.secret);
              setName("");
            },
          });
        }}
      >
        <Field label="Name" hint="What uses it, e.g. “website publisher”." required>
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
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
              <code>{scope}</code> — {API_SCOPE_LABELS[scope]}
            </label>
          ))}
        </fieldset>
        <Button type="submit" disabled={pending}>
          Create token
        </Button>
      </form>
      <Table caption="API tokens">
        <TableHead columns={["Name", "Starts with", "Scopes", "Created", "Last used", ""]} />
        <tbody className="divide-y divide-slate-100">
          {tokens.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                No tokens yet.
              </td>
            </tr>
          )}
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className="px-3 py-2">{t.name}</td>
              <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
              <td className="px-3 py-2 text-xs">{t.scopes.join(", ")}</td>
              <td className="px-3 py-2">
                {t.created} by {t.createdBy}
              </td>
              <td className="px-3 py-2">{t.lastUsed}</td>
              <td className="px-3 py-2">
                {t.revoked ? (
                  <Badge tone="danger">Revoked</Badge>
                ) : t.orphaned ? (
                  <Badge tone="warning">Stopped: its creator is no longer an active admin</Badge>
                ) : (
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    onClick={() =>
                      run(() => revokeTokenAction({ tokenId: t.id }), { success: "Token revoked." })
                    }
                  >
                    Revoke
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
