import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AdminNav"))("signIn") };
}

export default async function SignInLocksPage() {
  await requireRole("ADMIN");
  const t = await getTranslations("AdminPages");
  const locks = await listLoginLocks();
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("signIn", {
          free: FREE_FAILURES,
          perAddress: FREE_FAILURES_PER_ADDRESS,
          ceiling: ACCOUNT_CEILING,
        })}
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
