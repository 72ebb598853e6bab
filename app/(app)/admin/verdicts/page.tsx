import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listVerdicts } from "@/lib/data/verdicts";
import { PageHeader } from "@/components/ui/page-header";
import { AdminNav } from "@/components/admin/admin-nav";
import { VerdictsAdmin } from "@/components/admin/verdicts-admin";

export const metadata: Metadata = { title: "Verdict vocabulary" };

export default async function VerdictsPage() {
  await requireRole("ADMIN");
  const verdicts = await listVerdicts();
  return (
    <>
      <PageHeader
        title="Admin"
        description="The verdicts reviewers propose, in the order they are offered."
      />
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
