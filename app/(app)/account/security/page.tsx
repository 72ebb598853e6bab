import type { Metadata } from "next";
import { requireSignedIn } from "@/lib/auth/session";
import { twoFactorStatus } from "@/lib/data/two-factor";
import { PageHeader } from "@/components/ui/page-header";
import { TwoFactorSettings } from "@/components/account/two-factor-settings";

export const metadata: Metadata = { title: "Sign-in security" };

/** The person's own sign-in security; the one page open to someone who must still enrol. */
export default async function AccountSecurityPage() {
  const user = await requireSignedIn();
  const status = await twoFactorStatus(user);
  return (
    <>
      <PageHeader
        title="Sign-in security"
        description={`How ${user.email} signs in to the desk.`}
      />
      <TwoFactorSettings
        enabledAt={status.enabledAt?.toISOString() ?? null}
        recoveryCodesLeft={status.recoveryCodesLeft}
        required={status.required}
        mustEnrol={user.mustEnrolSecondFactor === true}
      />
    </>
  );
}
