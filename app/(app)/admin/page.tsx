import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";
import { settings } from "@/lib/settings";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/components/ui/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { UsersAdmin } from "@/components/admin/users-admin";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const user = await requireRole("ADMIN");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Admin"
        description="Everyone who can sign in to this desk, and what they may do."
      />
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
