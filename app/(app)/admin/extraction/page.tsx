import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { liveWorkers } from "@/lib/data/workers";
import { extractorStatus } from "@/lib/data/reextraction";
import { PageHeader } from "@/components/ui/page-header";
import { AdminNav } from "@/components/admin/admin-nav";
import { ExtractionAdmin } from "@/components/admin/extraction-admin";

export const metadata: Metadata = { title: "Extraction" };

export default async function ExtractionPage() {
  await requireRole("ADMIN");
  const [status, workers] = await Promise.all([extractorStatus(), liveWorkers()]);
  return (
    <>
      <PageHeader
        title="Admin"
        description="Which extractor each article's claims came from, and re-extraction with the current one. Claims anyone has taken, edited, reviewed, commented on, dismissed or decided are never changed."
      />
      <AdminNav current="extraction" />
      <ExtractionAdmin status={status} workersRunning={workers} />
    </>
  );
}
