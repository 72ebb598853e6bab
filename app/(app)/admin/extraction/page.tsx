import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { liveWorkers } from "@/lib/data/workers";
import { extractorStatus } from "@/lib/data/reextraction";
import { PageHeader } from "@/components/ui/page-header";
import { AdminNav } from "@/components/admin/admin-nav";
import { ExtractionAdmin } from "@/components/admin/extraction-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AdminNav"))("extraction") };
}

export default async function ExtractionPage() {
  await requireRole("ADMIN");
  const t = await getTranslations("AdminPages");
  const [status, workers] = await Promise.all([extractorStatus(), liveWorkers()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("extraction")} />
      <AdminNav current="extraction" />
      <ExtractionAdmin status={status} workersRunning={workers} />
    </>
  );
}
