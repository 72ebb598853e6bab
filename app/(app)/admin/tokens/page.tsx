import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/data/api-tokens";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { TokensAdmin } from "@/components/admin/tokens-admin";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireRole("ADMIN");
  const tokens = await listApiTokens();
  return (
    <>
      <PageHeader
        title="Admin"
        description="Tokens for machines reading the API. The secret is shown once and stored only as a hash."
      />
      <AdminNav current="tokens" />
      <TokensAdmin
        tokens={tokens.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          scopes: t.scopes,
          created: formatDateTime(t.createdAt),
          lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never",
          revoked: t.revokedAt !== null,
          createdBy: t.createdBy.name,
        }))}
      />
    </>
  );
}
