"use client";

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

const KIND_LABELS: Record<LockRow["kind"], string> = {
  pair: "Account from one address",
  ip: "Address, all accounts",
  account: "Account, all addresses",
};

export function SignInLocks({ locks }: { locks: LockRow[] }) {
  const { run, pending, message } = useAction(clearLoginLockAction, {
    success: "Cleared: the failures are forgotten.",
  });
  const clear = (key: string) => void run({ key });
  return (
    <div className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Table caption="Failed sign-ins">
        <TableHead
          columns={["Counter", "Account", "Address", "Failures", "Last failure", "Status", ""]}
        />
        <tbody className="divide-y divide-slate-100">
          {locks.length === 0 && (
            <EmptyRow colSpan={7}>No failed sign-ins in the last 15 minutes.</EmptyRow>
          )}
          {locks.map((l) => (
            <tr key={l.key}>
              <Td>{KIND_LABELS[l.kind]}</Td>
              <Td>{l.account ?? "—"}</Td>
              <Td className="font-mono text-xs">{l.address ?? "—"}</Td>
              <Td>{l.failures}</Td>
              <Td>{l.lastFailure}</Td>
              <Td>
                {l.lockedUntil ? (
                  <Badge tone="danger">Locked until {l.lockedUntil}</Badge>
                ) : (
                  <Badge tone="neutral">Counting</Badge>
                )}
              </Td>
              <Td>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={pending}
                  aria-label={`Clear ${KIND_LABELS[l.kind].toLowerCase()}: ${[l.account, l.address].filter(Boolean).join(" from ")}`}
                  onClick={() => clear(l.key)}
                >
                  Clear
                </Button>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
