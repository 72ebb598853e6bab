import type { ClaimState } from "./claims";
import { languageName } from "./language";

/** The queue's filters, as lib/validation/queue.ts parses them (the search and paging aside). */
export interface QueueFilters {
  state?: ClaimState;
  assignee?: string;
  verdict?: string;
  article?: string;
  speaker?: string;
  from?: string;
  to?: string;
  min?: number;
  checked?: "yes" | "repeat";
  language?: string;
}

/** Names for the ids a filter holds. */
export interface FilterNames {
  users: Record<string, string>;
  verdicts: Record<string, string>;
  articleTitle: string | null;
}

/** The phrases of the FilterWords messages a description is made of. */
export type FilterPhrase =
  | "none"
  | "separator"
  | "state"
  | "assignedToMe"
  | "unassigned"
  | "assignedTo"
  | "unknownPerson"
  | "verdict"
  | "article"
  | "unknown"
  | "language"
  | "speaker"
  | "range"
  | "fromOnly"
  | "toOnly"
  | "min"
  | "repeats"
  | "checkedBefore";

/** A translator of the FilterWords messages (next-intl's, or createTranslator's in tests). */
export type SayFilter = (phrase: FilterPhrase, values?: Record<string, string | number>) => string;

/**
 * The queue's filters in words, in the interface language, for a bulk action to say what it
 * acts on ("state: New; speaker contains “Lopez”; check-worthiness at least 0.70"), or "no
 * filters: every claim". An id without a name is named as unknown, never shown raw.
 */
export function describeFilters(
  query: QueueFilters,
  names: FilterNames,
  say: SayFilter,
  locale = "en",
): string {
  const parts: string[] = [];
  if (query.state) parts.push(say("state", { state: query.state }));
  if (query.assignee) {
    parts.push(
      query.assignee === "mine"
        ? say("assignedToMe")
        : query.assignee === "unassigned"
          ? say("unassigned")
          : say("assignedTo", {
              name: names.users[query.assignee] ?? say("unknownPerson"),
            }),
    );
  }
  if (query.verdict)
    parts.push(say("verdict", { verdict: names.verdicts[query.verdict] ?? say("unknown") }));
  if (query.article) parts.push(say("article", { title: names.articleTitle ?? say("unknown") }));
  if (query.language)
    parts.push(say("language", { language: languageName(query.language, locale) }));
  if (query.speaker) parts.push(say("speaker", { speaker: query.speaker }));
  if (query.from && query.to) parts.push(say("range", { from: query.from, to: query.to }));
  else if (query.from) parts.push(say("fromOnly", { from: query.from }));
  else if (query.to) parts.push(say("toOnly", { to: query.to }));
  if (query.min !== undefined) parts.push(say("min", { min: query.min.toFixed(2) }));
  if (query.checked) parts.push(query.checked === "repeat" ? say("repeats") : say("checkedBefore"));
  return parts.length === 0 ? say("none") : parts.join(say("separator"));
}
