import { describe, expect, it } from "vitest";
import { Slots } from "./slots";

describe("Slots", () => {
  it("gives what it has, then makes work in hand wait in order, ahead of new work", async () => {
    const slots = new Slots(2);
    expect(slots.tryTake()).toBe(true);
    expect(slots.tryTake()).toBe(true);
    expect(slots.tryTake()).toBe(false);
    const granted: string[] = [];
    const first = slots.take().then(() => granted.push("first"));
    const second = slots.take().then(() => granted.push("second"));
    slots.give();
    // A slot given back goes to the first in line, not to new work.
    expect(slots.tryTake()).toBe(false);
    await first;
    slots.give();
    await second;
    expect(granted).toEqual(["first", "second"]);
    expect(slots.available).toBe(0);
    slots.give();
    slots.give();
    expect(slots.available).toBe(2);
  });

  it("drops a waiter whose signal aborts, and the slot goes to the next", async () => {
    const slots = new Slots(1);
    expect(slots.tryTake()).toBe(true);
    const stop = new AbortController();
    const abandoned = slots.take(stop.signal);
    const next = slots.take();
    stop.abort(new Error("deadline"));
    await expect(abandoned).rejects.toThrow("deadline");
    slots.give();
    await next;
    expect(slots.available).toBe(0);
  });
});
