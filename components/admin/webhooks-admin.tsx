"use client";

import { useState } from "react";
import {
  createWebhookAction,
  deleteWebhookAction,
  replayDeliveryAction,
  setWebhookEnabledAction,
} from "@/app/(app)/admin/actions";
import { ShownOnce } from "@/components/ui/shown-once";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Table, TableHead } from "@/components/ui/table";
import { useActionRunner } from "@/components/ui/use-action";

interface DeliveryRow {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseCode: number | null;
  error: string | null;
  lastAttempt: string | null;
  next: string | null;
  delivered: string | null;
}

interface EndpointRow {
  id: string;
  name: string;
  url: string;
  events: string[];
  format: string;
  created: string;
  failingSince: string | null;
  /** Why it is off, or null while on. */
  disabled: string | null;
  deliveries: DeliveryRow[];
}

const STATUS_TONE = { delivered: "success", pending: "warning", failed: "danger" } as const;

export function WebhooksAdmin({
  events,
  endpoints,
}: {
  events: Array<{ name: string; label: string }>;
  endpoints: EndpointRow[];
}) {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [chosen, setChosen] = useState<string[]>(events.map((e) => e.name));
  const [format, setFormat] = useState<"json" | "slack">("json");
  const [secret, setSecret] = useState<string | null>(null);
  const { run, pending, message, fieldErrors } = useActionRunner();
  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {secret && (
        <ShownOnce
          label="The signing secret"
          value={secret}
          testId="webhook-secret"
          what="the secret"
        />
      )}
      <form
        aria-label="New webhook"
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => createWebhookAction({ name, url, events: chosen, format }), {
            success: "Webhook added.",
            onSuccess: (data) => {
              setSecret(data.secret);
              setName("");
              setUrl("");
            },
          });
        }}
      >
        <Field
          label="Name"
          hint="Who receives it, e.g. “CMS” or “#factchecks on Slack”."
          required
          error={fieldErrors.name}
        >
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field
          label="Address"
          hint="Where the events are POSTed; public addresses only."
          required
          error={fieldErrors.url}
        >
          <Input type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Format</legend>
          {(
            [
              ["json", "JSON event, signed (for your own systems)"],
              ["slack", 'Slack message { "text": … } (for a Slack incoming webhook)'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="mt-1 flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="format"
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          {fieldErrors.events && <p className="text-sm text-red-700">{fieldErrors.events}</p>}
          <div className="grid gap-x-4 lg:grid-cols-2">
            {events.map((event) => (
              <label key={event.name} className="mt-1 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={chosen.includes(event.name)}
                  onChange={(e) =>
                    setChosen(
                      e.target.checked
                        ? [...chosen, event.name]
                        : chosen.filter((n) => n !== event.name),
                    )
                  }
                />
                <span>
                  <code className="text-xs">{event.name}</code>{" "}
                  <span className="text-slate-600">— {event.label}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={pending}>
          Add webhook
        </Button>
      </form>
      {endpoints.length === 0 && <p className="text-sm text-slate-600">No webhooks yet.</p>}
      {endpoints.map((endpoint) => (
        <section
          key={endpoint.id}
          aria-label={`Webhook ${endpoint.name}`}
          className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h2 className="text-base font-semibold text-slate-900">
                {endpoint.name}{" "}
                {endpoint.disabled ? (
                  <Badge tone="danger">Off</Badge>
                ) : endpoint.failingSince ? (
                  <Badge tone="warning">Failing since {endpoint.failingSince}</Badge>
                ) : (
                  <Badge tone="success">On</Badge>
                )}
              </h2>
              <p className="font-mono text-xs break-all text-slate-700">{endpoint.url}</p>
              <p className="text-xs text-slate-600">
                {endpoint.format === "slack" ? "Slack message" : "JSON"} ·{" "}
                {endpoint.events.join(", ")} · added {endpoint.created}
              </p>
              {endpoint.disabled && (
                <p className="mt-1 text-sm text-red-800">Turned off: {endpoint.disabled}</p>
              )}
            </div>
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="secondary"
                disabled={pending}
                onClick={() =>
                  run(
                    () =>
                      setWebhookEnabledAction({
                        id: endpoint.id,
                        enabled: endpoint.disabled !== null,
                      }),
                    { success: endpoint.disabled ? "Webhook turned on." : "Webhook turned off." },
                  )
                }
              >
                {endpoint.disabled ? "Turn on" : "Turn off"}
              </Button>
              <Button
                size="sm"
                variant="danger"
                disabled={pending}
                onClick={() => {
                  if (window.confirm(`Delete the webhook “${endpoint.name}” and its log?`)) {
                    void run(() => deleteWebhookAction({ id: endpoint.id }), {
                      success: "Webhook deleted.",
                    });
                  }
                }}
              >
                Delete
              </Button>
            </div>
          </div>
          <Table caption={`Deliveries to ${endpoint.name}, newest first`}>
            <TableHead columns={["Event", "Status", "Attempts", "Answer", "When", ""]} />
            <tbody className="divide-y divide-slate-100">
              {endpoint.deliveries.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-3 py-4 text-center text-slate-600">
                    Nothing sent yet.
                  </td>
                </tr>
              )}
              {endpoint.deliveries.map((d) => (
                <tr key={d.id}>
                  <td className="px-3 py-2 font-mono text-xs">{d.event}</td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? "neutral"}>
                      {d.status}
                    </Badge>
                  </td>
                  <td className="px-3 py-2">{d.attempts}</td>
                  <td className="max-w-xs px-3 py-2 text-xs break-words">
                    {d.error ?? d.responseCode ?? ""}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {d.delivered
                      ? `delivered ${d.delivered}`
                      : d.next
                        ? `next try ${d.next}`
                        : d.lastAttempt
                          ? `last tried ${d.lastAttempt}`
                          : ""}
                  </td>
                  <td className="px-3 py-2">
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending || endpoint.disabled !== null}
                      aria-label={`Send ${d.event} again`}
                      onClick={() =>
                        run(() => replayDeliveryAction({ id: d.id }), {
                          success: "Sent again shortly.",
                        })
                      }
                    >
                      Replay
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ))}
    </div>
  );
}
