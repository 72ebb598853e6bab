/**
 * The budgets of one import item, and the lease derived from them, in one place.
 *
 * A worker that takes an item holds it for a lease; when the lease passes, the item is
 * presumed lost (the worker killed, its machine gone) and another worker may take it. So
 * the lease must cover everything a legitimate item may need: fetching a page, waiting
 * for a thread, reading and extracting, and writing the article with its claims. Each of
 * those has its own budget here, and the worker checks its lease against their sum
 * (leaseProblem) before it takes any work; the item's deadline (one per item, from the
 * moment it is taken) stops every phase, so a handler never writes after its lease.
 */

export interface ImportBudgets {
  /** Fetching one web page: connecting and the whole response (the safe fetcher's total). */
  fetchMs: number;
  /**
   * CPU time of one document in a thread, reading and extraction together. CPU time, not
   * wall-clock time: a document is not failed because other work shares the cores.
   */
  documentCpuMs: number;
  /**
   * Wall-clock time of one document, a backstop for a machine so loaded that its thread
   * hardly runs (and for platforms that do not report a thread's CPU time).
   */
  documentWallMs: number;
  /** A fetched page waiting for a thread: at most one document ahead of it per thread. */
  threadWaitMs: number;
  /** Writing an article, its claims and its item's outcome (one transaction). */
  storeMs: number;
  /** Waiting for a database connection and for the transaction to start. */
  connectionWaitMs: number;
}

/** A document's wall-clock backstop is this many times its CPU budget. */
export const WALL_PER_CPU = 4;

/** Slack for the writes around the phases (claiming, settling) and for clocks. */
const MARGIN_MS = 2_000;

export type ItemLane = "document" | "url";

export function importBudgets(settings: {
  fetchMs: number;
  documentCpuMs: number;
  storeMs: number;
  connectionWaitMs: number;
}): ImportBudgets {
  const documentWallMs = settings.documentCpuMs * WALL_PER_CPU;
  return { ...settings, documentWallMs, threadWaitMs: documentWallMs };
}

/** The phases an item of a lane may need, by name, with their budgets. */
export function leaseParts(budgets: ImportBudgets, lane: ItemLane): Array<[string, number]> {
  return [
    ...(lane === "url"
      ? ([
          ["fetch", budgets.fetchMs],
          ["wait for a thread", budgets.threadWaitMs],
        ] as Array<[string, number]>)
      : []),
    ["document", budgets.documentWallMs],
    ["store", budgets.storeMs],
    ["connection wait", budgets.connectionWaitMs],
    ["margin", MARGIN_MS],
  ];
}

/** The lease an item of a lane needs: the sum of its budgets. */
export function requiredLeaseMs(budgets: ImportBudgets, lane: ItemLane): number {
  return leaseParts(budgets, lane).reduce((sum, [, ms]) => sum + ms, 0);
}

/**
 * The lease of each lane: what its budgets need, or a longer one asked for
 * (CLAIMDESK_JOB_LEASE_SECONDS). A shorter one is refused with the sum spelled out.
 */
export function leases(
  budgets: ImportBudgets,
  askedSeconds?: number,
): { document: number; url: number } | { problem: string } {
  const asked = askedSeconds === undefined ? 0 : askedSeconds * 1000;
  const url = requiredLeaseMs(budgets, "url");
  if (askedSeconds !== undefined && asked < url) {
    const parts = leaseParts(budgets, "url")
      .map(([name, ms]) => `${name} ${seconds(ms)}`)
      .join(" + ");
    return {
      problem:
        `CLAIMDESK_JOB_LEASE_SECONDS=${askedSeconds} is shorter than what an import item may ` +
        `need: ${parts} = ${seconds(url)}. Raise it, or lower the budgets it covers.`,
    };
  }
  return {
    document: Math.max(asked, requiredLeaseMs(budgets, "document")),
    url: Math.max(asked, url),
  };
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
