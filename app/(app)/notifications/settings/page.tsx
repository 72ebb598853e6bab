import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { preferencesOf } from "@/lib/data/notification-preferences";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { PreferencesForm } from "@/components/notifications/preferences-form";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const user = await requireRole();
  const preferences = await preferencesOf(user);
  return (
    <>
      <PageHeader
        title="Notification settings"
        description="What the desk tells you, and how: in the app, by mail as it happens, and in a digest each morning."
        actions={<LinkButton href="/notifications">Back to notifications</LinkButton>}
      />
      <PreferencesForm {...preferences} />
    </>
  );
}
