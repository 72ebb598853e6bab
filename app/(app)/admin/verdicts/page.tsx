import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listVerdicts } from "@/lib/data/verdicts";
import { PageHeader } from "@/components/ui/page-header";
import { AdminNav } from "@/components/admin/admin-nav";
import { VerdictsAdmin } from "@/components/admin/verdicts-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AdminNav"))("verdicts") };
}

export default async function VerdictsPage() {
  await requireRole("ADMIN");
  const t = await getTranslations("AdminPages");
  const verdicts = await listVerdicts();
  return (
    <>
      <PageHeader title={t("title")} description={t("verdicts")} />
      <AdminNav current="verdicts" />
      <VerdictsAdmin
        verdicts={verdicts.map((v) => ({
          id: v.id,
          key: v.key,
          label: v.label,
          ratingValue: v.ratingValue,
          description: v.description,
          retired: v.retiredAt !== null,
          uses: v._count.claims + v._count.reviews,
        }))}
      />
    </>
  );
}
