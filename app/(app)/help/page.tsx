import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { MATCH_THRESHOLD } from "@/lib/domain/fact-checks/matcher";
import { requireRole } from "@/lib/auth/session";
import { CLAIM_STATES } from "@/lib/domain/claims";
import { CHECKWORTHY_THRESHOLD } from "@/lib/domain/extraction/checkworthiness";
import { QUEUE_SHORTCUTS, REVIEW_SHORTCUTS } from "@/lib/domain/shortcuts";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ShortcutList } from "@/components/claims/shortcut-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Help"))("title") };
}

/** A link inside a translated paragraph. */
const linkTo = (href: string) =>
  function HelpLink(chunks: ReactNode) {
    return (
      <Link href={href} className="text-brand-700 underline">
        {chunks}
      </Link>
    );
  };
const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

/** Shortcuts, the claim lifecycle and where the output goes: no query, only the session. */
export default async function HelpPage() {
  await requireRole();
  const [t, states, scorers] = await Promise.all([
    getTranslations("Help"),
    getTranslations("States"),
    getTranslations("Checkworthiness.scorer"),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("queue")}>
          <ShortcutList shortcuts={QUEUE_SHORTCUTS} />
        </Card>
        <Card title={t("claimPage")}>
          <ShortcutList shortcuts={REVIEW_SHORTCUTS} />
        </Card>
        {/* How each state is reached and left (the lifecycle table, lib/domain/lifecycle.ts, decides). */}
        <Card title={t("lifecycle")}>
          <dl className="space-y-3 text-sm">
            {CLAIM_STATES.map((state) => (
              <div key={state}>
                <dt className="font-medium text-slate-900">{states(state)}</dt>
                <dd className="text-slate-700">{t(`state.${state}`)}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={t("outputTitle")}>
          <p className="text-sm text-slate-700">
            {t.rich("output", {
              export: linkTo("/export"),
              code: (chunks) => <code className="font-mono text-xs">{chunks}</code>,
              api: (chunks) => (
                <a href="/api/v1/openapi.json" className="text-brand-700 underline">
                  {chunks}
                </a>
              ),
            })}
          </p>
        </Card>
        <Card title={t("checkworthinessTitle")}>
          <p className="text-sm text-slate-700">
            {t.rich("checkworthiness", {
              threshold: CHECKWORTHY_THRESHOLD,
              words: scorers("WORDS"),
              encoder: scorers("ENCODER"),
              strong,
            })}
          </p>
        </Card>
        <Card title={t("languagesTitle")}>
          <p className="text-sm text-slate-700">{t.rich("languages", { strong })}</p>
        </Card>
        <Card title={t("notificationsTitle")}>
          <p className="text-sm text-slate-700">
            {t.rich("notifications", {
              list: linkTo("/notifications"),
              settings: linkTo("/notifications/settings"),
            })}
          </p>
        </Card>
        <Card title={t("signInTitle")}>
          <p className="text-sm text-slate-700">
            {t.rich("signIn", { security: linkTo("/account/security") })}
          </p>
        </Card>
        <Card title={t("checkedBeforeTitle")}>
          <p className="text-sm text-slate-700">
            {t.rich("checkedBefore", {
              library: linkTo("/library"),
              threshold: MATCH_THRESHOLD,
              strong,
            })}
          </p>
        </Card>
      </div>
    </>
  );
}
