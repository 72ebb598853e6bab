import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";
import { settings } from "@/lib/settings";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/components/ui/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { UsersAdmin } from "@/components/admin/users-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AdminNav"))("users") };
}

export default async function AdminUsersPage() {
  const user = await requireRole("ADMIN");
  const t = await getTranslations("AdminPages");
  const users = await listUsers();
  return (
    <>
      <PageHeader title={t("title")} description={t("users")} />
      <AdminNav current="users" />
      <UsersAdmin
        currentUserId={user.id}
        ssoName={settings().CLAIMDESK_OIDC_ISSUER ? settings().CLAIMDESK_OIDC_NAME : null}
        users={users.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          role: u.role,
          disabled: u.disabledAt !== null,
          invited: u.invitedAt !== null,
          twoFactor: u.totpEnabledAt !== null,
          created: formatDate(u.createdAt),
        }))}
      />
    </>
  );
}
