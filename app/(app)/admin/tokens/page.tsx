import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listApiTokens, tokenIsLive } from "@/lib/data/api-tokens";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { TokensAdmin } from "@/components/admin/tokens-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AdminNav"))("tokens") };
}

export default async function TokensPage() {
  await requireRole("ADMIN");
  const t = await getTranslations("AdminPages");
  const tokens = await listApiTokens();
  return (
    <>
      <PageHeader title={t("title")} description={t("tokens")} />
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
