import { CLAIM_STATE_LABELS, type ClaimState } from "./claims";
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

/**
 * The queue's filters in words, for a bulk action to say what it acts on ("state: New;
 * speaker contains “Lopez”; check-worthiness at least 0.70"), or "no filters: every claim".
 * An id without a name is named as unknown, never shown raw.
 */
export function describeFilters(query: QueueFilters, names: FilterNames): string {
  const parts: string[] = [];
  if (query.state) parts.push(`state: ${CLAIM_STATE_LABELS[query.state]}`);
  if (query.assignee) {
    parts.push(
      query.assignee === "mine"
        ? "assigned to me"
        : query.assignee === "unassigned"
          ? "unassigned"
          : `assigned to ${names.users[query.assignee] ?? "an unknown person"}`,
    );
  }
  if (query.verdict) parts.push(`verdict: ${names.verdicts[query.verdict] ?? "unknown"}`);
  if (query.article) parts.push(`article: “${names.articleTitle ?? "unknown"}”`);
  if (query.language) parts.push(`language: ${languageName(query.language)}`);
  if (query.speaker) parts.push(`speaker contains “${query.speaker}”`);
  if (query.from && query.to) parts.push(`added ${query.from} to ${query.to}`);
  else if (query.from) parts.push(`added from ${query.from}`);
  else if (query.to) parts.push(`added until ${query.to}`);
  if (query.min !== undefined) parts.push(`check-worthiness at least ${query.min.toFixed(2)}`);
  if (query.checked)
    parts.push(query.checked === "repeat" ? "repeats of our verdicts" : "checked before");
  return parts.length === 0 ? "no filters: every claim" : parts.join("; ");
}
