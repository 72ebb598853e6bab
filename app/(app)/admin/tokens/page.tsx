import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listApiTokens, tokenIsLive } from "@/lib/data/api-tokens";
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
        description="Tokens for machines reading the API. The secret is shown once and stored only as a hash. A token works only while the admin who made it is an active admin."
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
          // A token stops with its creator (disabled, or no longer an admin): say so.
          orphaned: t.revokedAt === null && !tokenIsLive(t),
          createdBy: t.createdBy.name,
        }))}
      />
    </>
  );
}
