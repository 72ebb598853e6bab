"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/page-header";
import { Field, Input, Select } from "@/components/ui/field";
import { buttonClasses } from "@/components/ui/button";
import { Options } from "@/components/ui/options";

const FORMATS = [
  ["csv", "export.csv"],
  ["json", "export.json"],
  ["jsonl", "export.jsonl"],
  ["claimreview", "export.claimreview.json"],
] as const;

export function ExportForm({
  initial,
  states,
  verdicts,
  reviewers,
}: {
  initial: Record<string, string>;
  states: Array<[string, string]>;
  verdicts: Array<{ id: string; label: string }>;
  reviewers: Array<{ id: string; name: string }>;
}) {
  const t = useTranslations("ExportForm");
  const [filter, setFilter] = useState({
    state: initial.state && states.some(([s]) => s === initial.state) ? initial.state : "APPROVED",
    from: initial.from ?? "",
    to: initial.to ?? "",
    verdict: initial.verdict ?? "",
    reviewer: initial.reviewer ?? "",
    article: initial.article ?? "",
  });
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== "")).toString();
  // The address follows the filter, so the page's warnings are those of this export.
  const router = useRouter();
  useEffect(() => {
    // Only when the filter changed: the page was rendered for the address it came with.
    if (window.location.search === (query ? `?${query}` : "")) return;
    router.replace(`/export${query ? `?${query}` : ""}`, { scroll: false });
  }, [query, router]);
  return (
    <div className="space-y-6">
      <Card title={t("which")}>
        <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
          <Field label={t("state")}>
            <Select
              value={filter.state}
              onChange={(e) => setFilter({ ...filter, state: e.target.value })}
            >
              {states.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("from")}>
            <Input
              type="date"
              value={filter.from}
              onChange={(e) => setFilter({ ...filter, from: e.target.value })}
            />
          </Field>
          <Field label={t("to")}>
            <Input
              type="date"
              value={filter.to}
              onChange={(e) => setFilter({ ...filter, to: e.target.value })}
            />
          </Field>
          <Field label={t("verdict")}>
            <Select
              value={filter.verdict}
              onChange={(e) => setFilter({ ...filter, verdict: e.target.value })}
            >
              <Options none={t("any")} items={verdicts} />
            </Select>
          </Field>
          <Field label={t("reviewer")}>
            <Select
              value={filter.reviewer}
              onChange={(e) => setFilter({ ...filter, reviewer: e.target.value })}
            >
              <option value="">{t("anyone")}</option>
              {reviewers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {filter.article && <p className="mt-3 text-sm text-slate-700">{t("oneArticle")}</p>}
      </Card>
      <Card title={t("download")}>
        <ul className="flex flex-wrap gap-3">
          {FORMATS.map(([format, file]) => (
            <li key={format}>
              <a
                className={buttonClasses("primary")}
                href={`/api/v1/${file}${query ? `?${query}` : ""}`}
                download
              >
                {t(`format.${format}`)}
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-slate-600">
          {t.rich("machines", {
            code: () => <code>{"GET /api/v1/{export.csv, export.json, …}"}</code>,
            link: (chunks) => (
              <a className="text-brand-700 underline" href="/api/v1/openapi.json">
                {chunks}
              </a>
            ),
          })}
        </p>
      </Card>
    </div>
  );
}
