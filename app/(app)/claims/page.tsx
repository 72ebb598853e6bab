import type { Metadata } from "next";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { listClaims } from "@/lib/data/claims";
import { CLAIM_STATES, CLAIM_STATE_LABELS } from "@/lib/domain/claims";
import { PageHeader } from "@/components/ui/page-header";
import { ClaimTable } from "@/components/claims/claim-table";

export const metadata: Metadata = { title: "Claims" };

const claimsQuery = z.object({ state: z.enum(CLAIM_STATES).optional().catch(undefined) });

export default async function ClaimsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole();
  const { state } = claimsQuery.parse(await searchParams);
  const claims = await listClaims({ state });
  return (
    <>
      <PageHeader
        title="Claims"
        description={
          state
            ? `${CLAIM_STATE_LABELS[state]} claims, most check-worthy first.`
            : "All claims, most check-worthy first."
        }
      />
      <ClaimTable caption="Claims" claims={claims} empty="No claims yet." />
    </>
  );
}
