import { appendFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * For the benchmark: the web server's event-loop delay, the time a ready callback waits
 * for the loop (what every request of every user waits on top of its own work). With
 * CLAIMDESK_LOOP_STATS_FILE set, each SIGUSR2 appends the percentiles since the last one
 * to that file (one JSON line, milliseconds) and starts a new count; the server's pid is
 * written beside it, in `<file>.pid`.
 */
export function recordEventLoopDelay(file: string): void {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  writeFileSync(`${file}.pid`, String(process.pid));
  process.on("SIGUSR2", () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    appendFileSync(
      file,
      JSON.stringify({
        at: new Date().toISOString(),
        samples: histogram.count,
        p50: ms(histogram.percentile(50)),
        p95: ms(histogram.percentile(95)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
      }) + "\n",
    );
    histogram.reset();
  });
}
