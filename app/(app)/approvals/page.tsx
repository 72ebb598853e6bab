import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listClaims } from "@/lib/data/claims";
import { PageHeader } from "@/components/ui/page-header";
import { ClaimTable } from "@/components/claims/claim-table";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requireRole("EDITOR");
  const claims = await listClaims({ state: "SUBMITTED" });
  return (
    <>
      <PageHeader title="Approvals" description="Claims submitted for an editor's decision." />
      <ClaimTable
        caption="Claims waiting for approval"
        claims={claims}
        empty="Nothing is waiting for approval."
      />
    </>
  );
}
