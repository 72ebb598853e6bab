import { describe, expect, it } from "vitest";
import { importBudgets, leases, requiredLeaseMs } from "./budgets";

const budgets = importBudgets({
  fetchMs: 20_000,
  documentCpuMs: 5_000,
  storeMs: 60_000,
  connectionWaitMs: 10_000,
});

describe("the lease of an import item", () => {
  it("covers every phase of its lane: a web address its fetch and its wait for a thread too", () => {
    // Document: 20 s wall backstop + 60 s store + 10 s connection wait + 2 s margin.
    expect(requiredLeaseMs(budgets, "document")).toBe(92_000);
    // Web address: + 20 s fetch + 20 s waiting for a thread.
    expect(requiredLeaseMs(budgets, "url")).toBe(132_000);
    expect(leases(budgets)).toEqual({ document: 92_000, url: 132_000 });
  });

  it("takes a longer lease when asked, and refuses a shorter one with the sum spelled out", () => {
    expect(leases(budgets, 300)).toEqual({ document: 300_000, url: 300_000 });
    expect(leases(budgets, 6)).toEqual({
      problem:
        "CLAIMDESK_JOB_LEASE_SECONDS=6 is shorter than what an import item may need: fetch 20 s + " +
        "wait for a thread 20 s + document 20 s + store 60 s + connection wait 10 s + margin 2 s = " +
        "132 s. Raise it, or lower the budgets it covers.",
    });
  });
});
