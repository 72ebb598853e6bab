import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import {
  ACCOUNT_CEILING,
  FREE_FAILURES,
  FREE_FAILURES_PER_ADDRESS,
  listLoginLocks,
} from "@/lib/data/login-throttle";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { SignInLocks } from "@/components/admin/sign-in-locks";

export const metadata: Metadata = { title: "Sign-in locks" };

export default async function SignInLocksPage() {
  await requireRole("ADMIN");
  const locks = await listLoginLocks();
  return (
    <>
      <PageHeader
        title="Admin"
        description={`Failed sign-ins of the last 15 minutes. An account is locked from one address after ${FREE_FAILURES} failures, an address after ${FREE_FAILURES_PER_ADDRESS} over all accounts, and an account everywhere after ${ACCOUNT_CEILING} (logged as an alert). Each lock doubles with further failures, up to 15 minutes.`}
      />
      <AdminNav current="sign-in" />
      <SignInLocks
        locks={locks.map((l) => ({
          key: l.key,
          kind: l.kind,
          account: l.account,
          address: l.address,
          failures: l.failures,
          lastFailure: formatDateTime(l.lastFailureAt),
          lockedUntil: l.lockedUntil ? formatDateTime(l.lockedUntil) : null,
        }))}
      />
    </>
  );
}
