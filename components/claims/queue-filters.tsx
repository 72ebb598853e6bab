import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { CLAIM_STATES } from "@/lib/domain/claims";
import type { QueueQuery } from "@/lib/validation/queue";
import { Options } from "@/components/ui/options";
import { FILTER_CONTROL, FilterField } from "@/components/ui/filter-field";

/** The queue's filters as a plain GET form: every view is a URL that can be shared. */
export async function QueueFilters({
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
  const t = await getTranslations("QueueFilters");
  const states = await getTranslations("States");
  return (
    <form
      method="get"
      className="mb-4 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200"
      aria-label={t("form")}
    >
      <div className="mb-3">
        <FilterField label={t("search")} htmlFor="f-q">
          <input
            id="f-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder={t("searchExample")}
            className={FILTER_CONTROL}
          />
        </FilterField>
      </div>
      {/* Columns at least 11.5rem wide, so that no select cuts its longest option. */}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-[repeat(auto-fill,minmax(11.5rem,1fr))]">
        <FilterField label={t("state")} htmlFor="f-state">
          <select
            id="f-state"
            name="state"
            defaultValue={query.state ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">{t("any")}</option>
            {CLAIM_STATES.map((s) => (
              <option key={s} value={s}>
                {states(s)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField label={t("assignee")} htmlFor="f-assignee">
          <select
            id="f-assignee"
            name="assignee"
            defaultValue={query.assignee ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">{t("anyone")}</option>
            <option value="mine">{t("mine")}</option>
            <option value="unassigned">{t("unassigned")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField label={t("verdict")} htmlFor="f-verdict">
          <select
            id="f-verdict"
            name="verdict"
            defaultValue={query.verdict ?? ""}
            className={FILTER_CONTROL}
          >
            <Options none={t("any")} items={verdicts} />
          </select>
        </FilterField>
        <FilterField label={t("speaker")} htmlFor="f-speaker">
          <input
            id="f-speaker"
            name="speaker"
            defaultValue={query.speaker ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        {(languages.length > 1 || query.language) && (
          <FilterField label={t("language")} htmlFor="f-language">
            <select
              id="f-language"
              name="language"
              defaultValue={query.language ?? ""}
              className={FILTER_CONTROL}
            >
              <Options none={t("any")} items={languages} />
            </select>
          </FilterField>
        )}
        <FilterField label={t("from")} htmlFor="f-from">
          <input
            id="f-from"
            type="date"
            name="from"
            defaultValue={query.from ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        <FilterField label={t("to")} htmlFor="f-to">
          <input
            id="f-to"
            type="date"
            name="to"
            defaultValue={query.to ?? ""}
            className={FILTER_CONTROL}
          />
        </FilterField>
        <FilterField label={t("minScore")} htmlFor="f-min">
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
        <FilterField label={t("checkedBefore")} htmlFor="f-checked">
          <select
            id="f-checked"
            name="checked"
            defaultValue={query.checked ?? ""}
            className={FILTER_CONTROL}
          >
            <option value="">{t("eitherWay")}</option>
            <option value="yes">{t("checkedBeforeYes")}</option>
            <option value="repeat">{t("repeats")}</option>
          </select>
        </FilterField>
        <FilterField label={t("sort")} htmlFor="f-sort">
          <select id="f-sort" name="sort" defaultValue={query.sort} className={FILTER_CONTROL}>
            <option value="checkworthy">{t("mostCheckworthy")}</option>
            <option value="newest">{t("newest")}</option>
            <option value="oldest">{t("oldest")}</option>
          </select>
        </FilterField>
      </div>
      {query.article && <input type="hidden" name="article" value={query.article} />}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm">
          {t("apply")}
        </Button>
        <Link href="/claims" className="text-sm text-brand-700 underline">
          {t("reset")}
        </Link>
        {articleTitle && (
          <span className="text-sm text-slate-700">
            {t("article")} <strong>{articleTitle}</strong>
          </span>
        )}
      </div>
    </form>
  );
}
