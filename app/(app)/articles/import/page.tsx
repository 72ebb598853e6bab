import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { ImportForms } from "@/components/articles/import-forms";
import { MAX_UPLOAD_BYTES } from "@/lib/validation/article";

export const metadata: Metadata = { title: "Import articles" };

export default async function ImportPage() {
  await requireRole("REVIEWER");
  return (
    <>
      <PageHeader
        title="Import articles"
        description="Paste an article or upload files; claims are extracted as soon as each article is saved."
      />
      <ImportForms maxUploadMb={MAX_UPLOAD_BYTES / 1024 / 1024} />
    </>
  );
}
