"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Card } from "@/components/ui/page-header";
import { Field, Input, Select } from "@/components/ui/field";
import { buttonClasses } from "@/components/ui/button";
import { Options } from "@/components/ui/options";

const FORMATS = [
  ["csv", "CSV (spreadsheets)", "export.csv"],
  ["json", "JSON", "export.json"],
  ["jsonl", "JSON Lines", "export.jsonl"],
  ["claimreview", "schema.org ClaimReview", "export.claimreview.json"],
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
      <Card title="Which claims">
        <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
          <Field label="State">
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
          <Field label="From">
            <Input
              type="date"
              value={filter.from}
              onChange={(e) => setFilter({ ...filter, from: e.target.value })}
            />
          </Field>
          <Field label="To">
            <Input
              type="date"
              value={filter.to}
              onChange={(e) => setFilter({ ...filter, to: e.target.value })}
            />
          </Field>
          <Field label="Verdict">
            <Select
              value={filter.verdict}
              onChange={(e) => setFilter({ ...filter, verdict: e.target.value })}
            >
              <Options none="Any" items={verdicts} />
            </Select>
          </Field>
          <Field label="Reviewer">
            <Select
              value={filter.reviewer}
              onChange={(e) => setFilter({ ...filter, reviewer: e.target.value })}
            >
              <option value="">Anyone</option>
              {reviewers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {filter.article && (
          <p className="mt-3 text-sm text-slate-700">Only the claims of one article.</p>
        )}
      </Card>
      <Card title="Download">
        <ul className="flex flex-wrap gap-3">
          {FORMATS.map(([format, label, file]) => (
            <li key={format}>
              <a
                className={buttonClasses("primary")}
                href={`/api/v1/${file}${query ? `?${query}` : ""}`}
                download
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-slate-600">
          Machines: <code>GET /api/v1/{"{export.csv, export.json, …}"}</code> with an API token; see{" "}
          <a className="text-brand-700 underline" href="/api/v1/openapi.json">
            the API description
          </a>
          .
        </p>
      </Card>
    </div>
  );
}
