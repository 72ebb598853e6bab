import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listImportBatches } from "@/lib/data/import-batches";
import { liveWorkers } from "@/lib/data/workers";
import { PageHeader } from "@/components/ui/page-header";
import { ImportForms } from "@/components/articles/import-forms";
import { ImportProgress } from "@/components/articles/import-progress";
import {
  MAX_ARTICLES_PER_FILE,
  MAX_BODY_CHARS,
  MAX_FILES_PER_IMPORT,
  MAX_UPLOAD_BYTES,
} from "@/lib/validation/article";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ImportPage"))("title") };
}

export default async function ImportPage() {
  const user = await requireRole("REVIEWER");
  const [batches, workers, t] = await Promise.all([
    listImportBatches(user.id),
    liveWorkers(),
    getTranslations("ImportPage"),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ImportForms
        limits={{
          fileBytes: MAX_UPLOAD_BYTES,
          files: MAX_FILES_PER_IMPORT,
          articlesPerFile: MAX_ARTICLES_PER_FILE,
          bodyChars: MAX_BODY_CHARS,
        }}
      />
      <ImportProgress batches={batches} workersRunning={workers} />
    </>
  );
}
