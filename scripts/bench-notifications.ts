/**
 * What notifications cost a person saving a review: saves timed while a worker dispatches
 * events and sends their mails and webhooks flat out, against saves while that worker is
 * paused (SIGSTOP), in alternating rounds of one run (the machine's noise falls on both).
 *
 * Meanwhile a producer assigns claims at a steady rate (BENCH_EVENTS_PER_SECOND: 2 a second,
 * more than a busy desk makes in its busiest hour, then 20), each
 * assignment an event with a notification, a mail (to a real SMTP server on this machine)
 * and two webhook deliveries (JSON and Slack, to a local receiver): in the paused rounds
 * they pile up in the outbox, in the running rounds the worker drains them. The saves go
 * through lib/data (no page rendering), so the ratio is as strict as it gets: the same
 * saves in the app cost more and the difference weighs less.
 *
 * Run: npm run bench:notifications
 * (BENCH_ROUND_SECONDS per round, 10; BENCH_ROUNDS per mode, 3.) Uses an embedded database
 * in .data/bench-notifications, wiped first.
 */
import path from "node:path";
import { resetEmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { startSmtpServer, startWebhookReceiver } from "@/tests/support/receivers";
import { startWorkerProcess } from "./app-process";

const ROOT = path.resolve(import.meta.dirname, "..");
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUND_SECONDS = env("BENCH_ROUND_SECONDS", 10);
const ROUNDS = env("BENCH_ROUNDS", 3);
/** Event rates to measure at, one after the other: a busy desk's day, and far beyond it. */
const RATES = (process.env.BENCH_EVENTS_PER_SECOND ?? "2,20").split(",").map(Number);

const dataDir = path.join(ROOT, ".data/bench-notifications");
await resetEmbeddedPostgres(dataDir);
const pg = await startEmbeddedPostgres({ dataDir, database: "claimdesk_bench_notify" });
await migrate(pg.url);
const smtp = await startSmtpServer();
const receiver = await startWebhookReceiver();
process.env.DATABASE_URL = pg.url;
process.env.CLAIMDESK_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
process.env.CLAIMDESK_FETCH_ALLOW_HOSTS = "127.0.0.1";
process.env.LOG_LEVEL = "silent";

const { prisma } = await import("@/lib/db");
const { saveReview } = await import("@/lib/data/review");
const { assignClaims } = await import("@/lib/data/assignment");
const { createWebhook } = await import("@/lib/data/webhooks");
const { EVENT_NAMES } = await import("@/lib/domain/events");
const { reviewFormInput } = await import("@/lib/validation/review");
const { createClaim, createUser } = await import("@/seeds/factories");
const { asSession } = await import("@/tests/support/session");

const saver = asSession(await createUser(prisma, { role: "REVIEWER", name: "Sam Saver" }));
const editor = asSession(await createUser(prisma, { role: "EDITOR", name: "Ed" }));
const admin = asSession(await createUser(prisma, { role: "ADMIN", name: "Ada" }));
const told = await Promise.all(
  Array.from({ length: 5 }, async (_, i) =>
    asSession(await createUser(prisma, { role: "REVIEWER", name: `Told ${i}` })),
  ),
);
const verdictId = (
  await prisma.verdict.create({ data: { key: "false", label: "False", ratingValue: 1, order: 1 } })
).id;
for (const format of ["json", "slack"] as const) {
  await createWebhook(admin, {
    name: format,
    url: receiver.url,
    events: [...EVENT_NAMES],
    format,
  });
}
const saverClaims = await Promise.all(
  Array.from({ length: 20 }, () =>
    createClaim(prisma, {
      text: "The city spent $4 million on the bridge, officials said.",
      state: "IN_REVIEW",
      assigneeId: saver.id,
    }),
  ),
);
const versions = new Map(saverClaims.map((c) => [c.id, 1]));
const producerClaims = await Promise.all(
  Array.from({ length: Math.ceil(sum(RATES) * ROUND_SECONDS * ROUNDS * 2 * 1.2) }, () =>
    createClaim(prisma, { text: "Crime fell by a third last year, the mayor said." }),
  ),
);

const worker = await startWorkerProcess({
  env: {
    DATABASE_URL: pg.url,
    CLAIMDESK_SMTP_URL: process.env.CLAIMDESK_SMTP_URL,
    CLAIMDESK_FETCH_ALLOW_HOSTS: "127.0.0.1",
    CLAIMDESK_WORKER_THREADS: "1",
    LOG_LEVEL: "info",
  },
  timeoutMs: 120_000,
});

/** Assigns one claim after another, `rate` a second, until `until`. */
async function produce(rate: number, until: number): Promise<number> {
  let made = 0;
  const start = performance.now();
  while (performance.now() < until) {
    const claim = producerClaims.pop();
    if (!claim) break;
    await assignClaims(editor, {
      claims: [{ id: claim.id, version: 1 }],
      assigneeId: told[made % told.length]!.id,
      dueAt: null,
    });
    made++;
    const due = start + (made * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  return made;
}

/** Saves the saver's claims one after another until `until`; each save's milliseconds. */
async function save(until: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; performance.now() < until; i++) {
    const claim = saverClaims[i % saverClaims.length]!;
    const input = reviewFormInput.parse({
      claimId: claim.id,
      version: versions.get(claim.id),
      claimantName: "Jane Roe",
      claimantType: "PERSON",
      appearanceUrl: "https://example.org/speech",
      verdictId,
      rationale: `The budget documents show a different figure (${i}).`,
      evidence: [
        { url: "https://example.org/budget.pdf", stance: "REFUTES", sourceType: "PRIMARY" },
      ],
    });
    const t = performance.now();
    const result = await saveReview(saver, input, { submit: false });
    times.push(performance.now() - t);
    versions.set(claim.id, result.version);
  }
  return times;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const table = [
  "| events a second | notifications | saves | p50 ms | p95 ms | mean ms | on / off (p50, mean) | mails and POSTs sent a second |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
];
for (const rate of RATES) {
  const samples = { off: [] as number[], on: [] as number[] };
  let delivered = 0;
  let deliveredSeconds = 0;
  for (let round = 0; round < ROUNDS * 2; round++) {
    const mode = round % 2 === 0 ? "off" : "on";
    process.kill(worker.child.pid!, mode === "off" ? "SIGSTOP" : "SIGCONT");
    const before = smtp.mails.length + receiver.received.length;
    const until = performance.now() + ROUND_SECONDS * 1000;
    const [made, times] = await Promise.all([produce(rate, until), save(until)]);
    // The first second of a round is left out: the switch itself.
    samples[mode].push(...times.slice(Math.ceil(times.length / ROUND_SECONDS)));
    const sent = smtp.mails.length + receiver.received.length - before;
    if (mode === "on") {
      delivered += sent;
      deliveredSeconds += ROUND_SECONDS;
    }
    console.log(
      `${rate}/s, round ${round + 1} (notifications ${mode}): ${times.length} saves, p50 ${quantile(times, 0.5).toFixed(1)} ms; ${made} events made, ${sent} mails and webhooks sent`,
    );
  }
  const ratio = (f: (xs: number[]) => number) => (f(samples.on) / f(samples.off)).toFixed(2);
  for (const mode of ["off", "on"] as const) {
    const xs = samples[mode];
    table.push(
      `| ${rate} | ${mode} | ${xs.length} | ${quantile(xs, 0.5).toFixed(1)} | ${quantile(xs, 0.95).toFixed(1)} | ${mean(xs).toFixed(1)} | ${mode === "on" ? `${ratio((x) => quantile(x, 0.5))}×, ${ratio(mean)}×` : ""} | ${mode === "on" ? (delivered / deliveredSeconds).toFixed(1) : ""} |`,
    );
  }
  // The backlog of this rate goes out before the next.
  process.kill(worker.child.pid!, "SIGCONT");
  const drained = async () =>
    (await prisma.outboxEvent.count({ where: { dispatchedAt: null } })) +
    (await prisma.delivery.count({ where: { status: "pending" } }));
  while ((await drained()) > 0) await new Promise((r) => setTimeout(r, 500));
}
console.log(
  [
    "",
    "Saving a review (lib/data, no page rendering) with notifications off (worker paused: events wait in the outbox) and on (worker dispatching and sending, the paused round's backlog too); each event makes 1 notification, 1 mail and 2 webhook POSTs. Target: on within 1.10× of off.",
    ...table,
  ].join("\n"),
);

worker.child.kill("SIGKILL");
await prisma.$disconnect();
await Promise.all([smtp.close(), receiver.close()]);
await pg.stop();
