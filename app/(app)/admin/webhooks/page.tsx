import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/data/webhooks";
import { EVENT_INFO, EVENT_NAMES } from "@/lib/domain/events";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { WebhooksAdmin } from "@/components/admin/webhooks-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AdminNav"))("webhooks") };
}

export default async function WebhooksPage() {
  await requireRole("ADMIN");
  const t = await getTranslations("AdminPages");
  const endpoints = await listWebhooks();
  const when = (d: Date | null) => (d ? formatDateTime(d) : null);
  return (
    <>
      <PageHeader title={t("title")} description={t("webhooks")} />
      <AdminNav current="webhooks" />
      <WebhooksAdmin
        events={EVENT_NAMES.map((name) => ({ name, label: EVENT_INFO[name].summary }))}
        endpoints={endpoints.map((e) => ({
          id: e.id,
          name: e.name,
          url: e.url,
          events: e.events,
          format: e.format,
          created: `${formatDateTime(e.createdAt)} by ${e.createdBy.name}`,
          failingSince: when(e.failingSince),
          disabled: e.disabledAt ? (e.disabledReason ?? "turned off") : null,
          deliveries: e.deliveries.map((d) => ({
            id: String(d.id),
            event: d.outboxEvent ? `${d.outboxEvent.name} #${d.outboxEvent.id}` : "—",
            status: d.status,
            attempts: d.attempts,
            responseCode: d.responseCode,
            error: d.lastError,
            lastAttempt: when(d.lastAttemptAt),
            next: d.status === "pending" ? when(d.nextAttemptAt) : null,
            delivered: when(d.deliveredAt),
          })),
        }))}
      />
    </>
  );
}
