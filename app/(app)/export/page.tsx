import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listActiveVerdicts } from "@/lib/data/verdicts";
import { listAssignableUsers } from "@/lib/data/users";
import { hasRole } from "@/lib/domain/roles";
import { CLAIM_STATES } from "@/lib/domain/claims";
import { PageHeader } from "@/components/ui/page-header";
import { ExportForm } from "@/components/export/export-form";
import { ExportWarningsCard } from "@/components/export/export-warnings";
import { exportWarnings } from "@/lib/data/export";
import { SHORT_CLAIM_LIMIT } from "@/lib/domain/export/claim-review";
import { exportFilter, filterParams } from "@/lib/validation/export";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Export"))("title") };
}

export default async function ExportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("REVIEWER");
  const raw = await searchParams;
  const initial = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]),
  );
  // What the export of the filter in the address will warn about, shown before download.
  const parsed = exportFilter.safeParse(filterParams(new URLSearchParams(initial)));
  const filter =
    parsed.success && (parsed.data.state === "APPROVED" || hasRole(user.role, "EDITOR"))
      ? parsed.data
      : null;
  const [verdicts, users, warnings, t, stateNames] = await Promise.all([
    listActiveVerdicts(),
    listAssignableUsers(),
    filter ? exportWarnings(filter, SHORT_CLAIM_LIMIT) : Promise.resolve(null),
    getTranslations("Export"),
    getTranslations("States"),
  ]);
  const states = hasRole(user.role, "EDITOR")
    ? [
        ["APPROVED", stateNames("APPROVED")],
        ...CLAIM_STATES.filter((s) => s !== "APPROVED").map((s) => [s, stateNames(s)]),
        ["ALL", t("allStates")],
      ]
    : [["APPROVED", stateNames("APPROVED")]];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ExportForm
        initial={initial}
        states={states as Array<[string, string]>}
        verdicts={verdicts.map((v) => ({ id: v.id, label: v.label }))}
        reviewers={users.map((u) => ({ id: u.id, name: u.name }))}
      />
      {warnings && <ExportWarningsCard warnings={warnings} limit={SHORT_CLAIM_LIMIT} />}
    </>
  );
}
