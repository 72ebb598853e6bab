"use client";

import { useState } from "react";
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
  const [events, setEvents] = useState(props.events);
  const [dailyDigest, setDailyDigest] = useState(props.dailyDigest);
  const { run, pending, message } = useActionRunner();
  const set = (event: EventName, channel: "inApp" | "email", on: boolean) =>
    setEvents((rows) => rows.map((r) => (r.event === event ? { ...r, [channel]: on } : r)));
  return (
    <form
      aria-label="Notification settings"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () =>
            savePreferencesAction({
              events: events.map(({ event, inApp, email }) => ({ event, inApp, email })),
              dailyDigest,
            }),
          { success: "Settings saved." },
        );
      }}
    >
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {!props.mailOn && (
        <Alert tone="info">
          Mail is off on this desk (an admin sets <code>CLAIMDESK_SMTP_URL</code> to turn it on).
          Your mail choices are kept and apply once it is on.
        </Alert>
      )}
      <Table caption="Events">
        <TableHead columns={["Event", "In the app", "By mail"]} />
        <tbody className="divide-y divide-slate-100">
          {events.map((row) => (
            <tr key={row.event}>
              <th scope="row" className="px-3 py-2 text-start font-normal">
                {row.label}
              </th>
              {(["inApp", "email"] as const).map((channel) => (
                <td key={channel} className="px-3 py-2">
                  <input
                    type="checkbox"
                    className="size-4"
                    aria-label={`${row.label}: ${channel === "inApp" ? "in the app" : "by mail"}`}
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
          <span className="font-medium">A digest by mail each morning</span>
          <span className="block text-slate-600">
            Claims assigned to you, those overdue, those returned to you in the last day and, for
            editors, those waiting for approval. Nothing is sent on a day with nothing to tell.
          </span>
        </span>
      </label>
      <Button type="submit" disabled={pending}>
        Save settings
      </Button>
    </form>
  );
}
