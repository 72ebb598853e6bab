"use client";

import { useTranslations } from "next-intl";
import type { EventName } from "@/lib/domain/events";
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
  events: Array<{ name: EventName; label: string }>;
  endpoints: EndpointRow[];
}) {
  const t = useTranslations("Webhooks");
  const eventNames = useTranslations("Preferences");
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
          label={t("theSecret")}
          value={secret}
          testId="webhook-secret"
          what={t("theSecretLower")}
        />
      )}
      <form
        aria-label={t("newWebhook")}
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => createWebhookAction({ name, url, events: chosen, format }), {
            success: t("added"),
            onSuccess: (data) => {
              setSecret(data.secret);
              setName("");
              setUrl("");
            },
          });
        }}
      >
        <Field label={t("name")} hint={t("nameHint")} required error={fieldErrors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t("address")} hint={t("addressHint")} required error={fieldErrors.url}>
          <Input type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("format")}</legend>
          {(["json", "slack"] as const).map((value) => (
            <label key={value} className="mt-1 flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="format"
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {t(`formatLabel.${value}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("events")}</legend>
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
                  <span className="text-slate-600">— {eventNames(`event.${event.name}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={pending}>
          {t("add")}
        </Button>
      </form>
      {endpoints.length === 0 && <p className="text-sm text-slate-600">{t("empty")}</p>}
      {endpoints.map((endpoint) => (
        <section
          key={endpoint.id}
          aria-label={t("webhook", { name: endpoint.name })}
          className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h2 className="text-base font-semibold text-slate-900">
                {endpoint.name}{" "}
                {endpoint.disabled ? (
                  <Badge tone="danger">{t("off")}</Badge>
                ) : endpoint.failingSince ? (
                  <Badge tone="warning">{t("failingSince", { date: endpoint.failingSince })}</Badge>
                ) : (
                  <Badge tone="success">{t("on")}</Badge>
                )}
              </h2>
              <p className="font-mono text-xs break-all text-slate-700">{endpoint.url}</p>
              <p className="text-xs text-slate-600">
                {endpoint.format === "slack" ? t("slack") : "JSON"} · {endpoint.events.join(", ")} ·{" "}
                {t("addedOn", { date: endpoint.created })}
              </p>
              {endpoint.disabled && (
                <p className="mt-1 text-sm text-red-800">
                  {t("turnedOff", { why: endpoint.disabled })}
                </p>
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
                    { success: endpoint.disabled ? t("turnedOnDone") : t("turnedOffDone") },
                  )
                }
              >
                {endpoint.disabled ? t("turnOn") : t("turnOff")}
              </Button>
              <Button
                size="sm"
                variant="danger"
                disabled={pending}
                onClick={() => {
                  if (window.confirm(t("confirmDelete", { name: endpoint.name }))) {
                    void run(() => deleteWebhookAction({ id: endpoint.id }), {
                      success: t("deleted"),
                    });
                  }
                }}
              >
                {t("delete")}
              </Button>
            </div>
          </div>
          <Table caption={t("deliveries", { name: endpoint.name })}>
            <TableHead
              columns={[t("event"), t("status"), t("attempts"), t("answer"), t("when"), ""]}
            />
            <tbody className="divide-y divide-slate-100">
              {endpoint.deliveries.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-3 py-4 text-center text-slate-600">
                    {t("nothingSent")}
                  </td>
                </tr>
              )}
              {endpoint.deliveries.map((d) => (
                <tr key={d.id}>
                  <td className="px-3 py-2 font-mono text-xs">{d.event}</td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? "neutral"}>
                      {t("deliveryStatus", { status: d.status })}
                    </Badge>
                  </td>
                  <td className="px-3 py-2">{d.attempts}</td>
                  <td className="max-w-xs px-3 py-2 text-xs break-words">
                    {d.error ?? d.responseCode ?? ""}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {d.delivered
                      ? t("delivered", { date: d.delivered })
                      : d.next
                        ? t("nextTry", { date: d.next })
                        : d.lastAttempt
                          ? t("lastTried", { date: d.lastAttempt })
                          : ""}
                  </td>
                  <td className="px-3 py-2">
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending || endpoint.disabled !== null}
                      aria-label={t("replayLabel", { event: d.event })}
                      onClick={() =>
                        run(() => replayDeliveryAction({ id: d.id }), {
                          success: t("replayed"),
                        })
                      }
                    >
                      {t("replay")}
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
