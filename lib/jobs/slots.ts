/**
 * A worker's threads, as slots: work that is already in hand (a page fetched, a feed read)
 * waits for one in order (`take`), and new work is taken from the queue only when a slot
 * is free and nothing in hand waits for it (`tryTake`). So a fetched page never waits
 * behind documents taken after it, and the pool of threads is never asked for more than
 * it has (its own queue would be first come, first served, and unbounded).
 */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** A slot now, if one is free and no one waits for it. */
  tryTake(): boolean {
    if (this.free === 0 || this.waiting.length > 0) return false;
    this.free--;
    return true;
  }

  /** A slot, in turn; rejects with the signal's reason if it aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.tryTake()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  /** Gives a slot back: to the first in line, else to the free ones. */
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  get available(): number {
    return this.waiting.length > 0 ? 0 : this.free;
  }
}
