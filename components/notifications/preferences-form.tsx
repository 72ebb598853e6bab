"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { savePreferencesAction } from "@/app/(app)/notifications/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableHead } from "@/components/ui/table";
import { useActionRunner } from "@/components/ui/use-action";
import type { EventName } from "@/lib/domain/events";

interface EventRow {
  event: EventName;
  label: string;
  inApp: boolean;
  email: boolean;
}

/** Each event a person can receive, with a box per channel, and the daily digest. */
export function PreferencesForm(props: {
  mailOn: boolean;
  dailyDigest: boolean;
  events: EventRow[];
}) {
  const t = useTranslations("Preferences");
  const [events, setEvents] = useState(props.events);
  const [dailyDigest, setDailyDigest] = useState(props.dailyDigest);
  const { run, pending, message } = useActionRunner();
  const set = (event: EventName, channel: "inApp" | "email", on: boolean) =>
    setEvents((rows) => rows.map((r) => (r.event === event ? { ...r, [channel]: on } : r)));
  return (
    <form
      aria-label={t("form")}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () =>
            savePreferencesAction({
              events: events.map(({ event, inApp, email }) => ({ event, inApp, email })),
              dailyDigest,
            }),
          { success: t("saved") },
        );
      }}
    >
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {!props.mailOn && (
        <Alert tone="info">{t.rich("mailOff", { code: (chunks) => <code>{chunks}</code> })}</Alert>
      )}
      <Table caption={t("events")}>
        <TableHead columns={[t("eventColumn"), t("inApp"), t("email")]} />
        <tbody className="divide-y divide-slate-100">
          {events.map((row) => (
            <tr key={row.event}>
              <th scope="row" className="px-3 py-2 text-start font-normal">
                {t(`event.${row.event}`)}
              </th>
              {(["inApp", "email"] as const).map((channel) => (
                <td key={channel} className="px-3 py-2">
                  <input
                    type="checkbox"
                    className="size-4"
                    aria-label={`${t(`event.${row.event}`)}: ${channel === "inApp" ? t("inAppShort") : t("emailShort")}`}
                    checked={row[channel]}
                    onChange={(e) => set(row.event, channel, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      <label className="flex items-start gap-2 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
        <input
          type="checkbox"
          className="mt-0.5 size-4"
          checked={dailyDigest}
          onChange={(e) => setDailyDigest(e.target.checked)}
        />
        <span>
          <span className="font-medium">{t("digest")}</span>
          <span className="block text-slate-600">{t("digestHint")}</span>
        </span>
      </label>
      <Button type="submit" disabled={pending}>
        {t("save")}
      </Button>
    </form>
  );
}
