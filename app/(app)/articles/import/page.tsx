import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Import articles" };

export default async function ImportPage() {
  const user = await requireRole("REVIEWER");
  const [batches, workers] = await Promise.all([listImportBatches(user.id), liveWorkers()]);
  return (
    <>
      <PageHeader
        title="Import articles"
        description="Paste an article or upload files. Each is queued at once and read by a worker, which extracts its claims; the progress of your imports shows below."
      />
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
