import Link from "next/link";
import { Button } from "@/components/ui/button";
import { CLAIM_STATES, CLAIM_STATE_LABELS } from "@/lib/domain/claims";
import type { QueueQuery } from "@/lib/validation/queue";
import { Options } from "@/components/ui/options";
import { FILTER_CONTROL, FilterField } from "@/components/ui/filter-field";

/** The queue's filters as a plain GET form: every view is a URL that can be shared. */
export function QueueFilters({
  query,
  verdicts,
  users,
  articleTitle,
  languages,
}: {
  query: QueueQuery;
  verdicts: Array<{ id: string; label: string }>;
  users: Array<{ id: string; name: string }>;
  articleTitle: string | null;
  /** The languages of the desk's articles (the filter is offered once there are two). */
  languages: Array<{ id: string; label: string }>;
}) {
  return (
    <form
      method="get"
      className="mb-4 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200"
      aria-label="Filter claims"
    >
      <div className="mb-3">
        <FilterField label="Search claims, speakers, rationales and article titles" htmlFor="f-q">
          <input
            id="f-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder='e.g. chemical weapons, "Security Council"'
            className={FILTER_CONTROL}
          />
        </FilterField>
      </div>
      {/* Columns at least 11.5rem wide, so that no select cuts its longest option. */}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-[repeat(auto-fill,minmax(11.5rem,1fr))]">
        <FilterField label="State" htmlFor="f-state">
          <select
            id="f-state"
            name="state"
            defaultValue={query.state ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">Any</option>
            {CLAIM_STATES.map((s) => (
              <option key={s} value={s}>
                {CLAIM_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField label="Assignee" htmlFor="f-assignee">
          <select
            id="f-assignee"
            name="assignee"
            defaultValue={query.assignee ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">Anyone</option>
            <option value="mine">Mine</option>
            <option value="unassigned">Unassigned</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField label="Verdict" htmlFor="f-verdict">
          <select
            id="f-verdict"
            name="verdict"
            defaultValue={query.verdict ?? ""}
            className={FILTER_CONTROL}
          >
            <Options none="Any" items={verdicts} />
          </select>
        </FilterField>
        <FilterField label="Speaker" htmlFor="f-speaker">
          <input
            id="f-speaker"
            name="speaker"
            defaultValue={query.speaker ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        {(languages.length > 1 || query.language) && (
          <FilterField label="Language" htmlFor="f-language">
            <select
              id="f-language"
              name="language"
              defaultValue={query.language ?? ""}
              className={FILTER_CONTROL}
            >
              <Options none="Any" items={languages} />
            </select>
          </FilterField>
        )}
        <FilterField label="From" htmlFor="f-from">
          <input
            id="f-from"
            type="date"
            name="from"
            defaultValue={query.from ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        <FilterField label="To" htmlFor="f-to">
          <input
            id="f-to"
            type="date"
            name="to"
            defaultValue={query.to ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        <FilterField label="Min. score" htmlFor="f-min">
          <input
            id="f-min"
            type="number"
            name="min"
            min={0}
            max={1}
            step={0.05}
            defaultValue={query.min ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        <FilterField label="Checked before" htmlFor="f-checked">
          <select
            id="f-checked"
            name="checked"
            defaultValue={query.checked ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">Either way</option>
            <option value="yes">Checked before</option>
            <option value="repeat">Repeats of our verdicts</option>
          </select>
        </FilterField>
        <FilterField label="Sort" htmlFor="f-sort">
          <select id="f-sort" name="sort" defaultValue={query.sort} className={FILTER_CONTROL}>
            <option value="checkworthy">Most check-worthy</option>
            <option value="newest">Newest</option>
            <option value="oldest">Oldest waiting</option>
          </select>
        </FilterField>
      </div>
      {query.article && <input type="hidden" name="article" value={query.article} />}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm">
          Apply
        </Button>
        <Link href="/claims" className="text-sm text-brand-700 underline">
          Reset
        </Link>
        {articleTitle && (
          <span className="text-sm text-slate-700">
            Article: <strong>{articleTitle}</strong>
          </span>
        )}
      </div>
    </form>
  );
}
