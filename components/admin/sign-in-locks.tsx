"use client";

import { useTranslations } from "next-intl";
import {} from "react";
import { clearLoginLockAction } from "@/app/(app)/admin/actions";
import { Alert } from "@/components/ui/alert";
import { useAction } from "@/components/ui/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";

interface LockRow {
  key: string;
  kind: "pair" | "ip" | "account";
  account: string | null;
  address: string | null;
  failures: number;
  lastFailure: string;
  lockedUntil: string | null;
}

export function SignInLocks({ locks }: { locks: LockRow[] }) {
  const t = useTranslations("SignInLocks");
  const { run, pending, message } = useAction(clearLoginLockAction, {
    success: t("cleared"),
  });
  const clear = (key: string) => void run({ key });
  return (
    <div className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Table caption={t("caption")}>
        <TableHead
          columns={[
            t("counter"),
            t("account"),
            t("address"),
            t("failures"),
            t("lastFailure"),
            t("status"),
            "",
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {locks.length === 0 && <EmptyRow colSpan={7}>{t("empty")}</EmptyRow>}
          {locks.map((l) => (
            <tr key={l.key}>
              <Td>{t(`kind.${l.kind}`)}</Td>
              <Td>{l.account ?? "—"}</Td>
              <Td className="font-mono text-xs">{l.address ?? "—"}</Td>
              <Td>{l.failures}</Td>
              <Td>{l.lastFailure}</Td>
              <Td>
                {l.lockedUntil ? (
                  <Badge tone="danger">{t("lockedUntil", { date: l.lockedUntil })}</Badge>
                ) : (
                  <Badge tone="neutral">{t("counting")}</Badge>
                )}
              </Td>
              <Td>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={pending}
                  aria-label={t("clearLabel", {
                    kind: t(`kind.${l.kind}`).toLowerCase(),
                    who: [l.account, l.address].filter(Boolean).join(t("from")),
                  })}
                  onClick={() => clear(l.key)}
                >
                  {t("clear")}
                </Button>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
