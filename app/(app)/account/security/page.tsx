import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireSignedIn } from "@/lib/auth/session";
import { twoFactorStatus } from "@/lib/data/two-factor";
import { PageHeader } from "@/components/ui/page-header";
import { TwoFactorSettings } from "@/components/account/two-factor-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Security"))("title") };
}

/** The person's own sign-in security; the one page open to someone who must still enrol. */
export default async function AccountSecurityPage() {
  const user = await requireSignedIn();
  const [status, t] = await Promise.all([twoFactorStatus(user), getTranslations("Security")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { email: user.email })} />
      <TwoFactorSettings
        enabledAt={status.enabledAt?.toISOString() ?? null}
        recoveryCodesLeft={status.recoveryCodesLeft}
        required={status.required}
        mustEnrol={user.mustEnrolSecondFactor === true}
      />
    </>
  );
}
