import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { preferencesOf } from "@/lib/data/notification-preferences";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { PreferencesForm } from "@/components/notifications/preferences-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("NotificationSettings"))("title") };
}

export default async function NotificationSettingsPage() {
  const user = await requireRole();
  const [preferences, t] = await Promise.all([
    preferencesOf(user),
    getTranslations("NotificationSettings"),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<LinkButton href="/notifications">{t("back")}</LinkButton>}
      />
      <PreferencesForm {...preferences} />
    </>
  );
}
