import os from "node:os";
import { z } from "zod";

/**
 * The app's settings from the environment, each parsed by one zod schema and read once:
 * a value that is not what the setting expects stops the process at start with the
 * variable's name and what it expects, instead of falling back silently or becoming NaN.
 * Every other file imports the typed value (`settings()`), never process.env.
 */

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`));

/** One setting: its schema (absent → its default) and what the README says of it. */
interface Setting<T> {
  schema: z.ZodType<T, string | undefined>;
  description: string;
  /** How the default reads in the README when it is not a plain value. */
  shownDefault?: string;
}

function intSetting(
  fallback: number | (() => number),
  [min, max]: [number, number],
  description: string,
  shownDefault?: string,
): Setting<number> {
  const resolve = () => (typeof fallback === "function" ? fallback() : fallback);
  return {
    schema: z.union([z.undefined().transform(resolve), whole(min, max)]) as z.ZodType<
      number,
      string | undefined
    >,
    description,
    shownDefault: shownDefault ?? String(resolve()),
  };
}

function optionalIntSetting(
  [min, max]: [number, number],
  description: string,
): Setting<number | undefined> {
  return {
    schema: z.union([z.undefined(), whole(min, max)]) as z.ZodType<
      number | undefined,
      string | undefined
    >,
    description,
    shownDefault: "unset",
  };
}

const cores = () => Math.max(1, os.availableParallelism());

export const SETTINGS = {
  CLAIMDESK_WORKER_THREADS: intSetting(
    cores,
    [1, 256],
    "Threads of a worker: documents read and extracted at once.",
    "the machine's cores",
  ),
  CLAIMDESK_DOCUMENT_BUDGET_MS: intSetting(
    5_000,
    [10, 600_000],
    "CPU time one document may take to be read and extracted (its wall-clock backstop is four times this).",
  ),
  CLAIMDESK_THREAD_MEMORY_MB: intSetting(768, [64, 16_384], "Heap of one worker thread."),
  CLAIMDESK_STORE_TIMEOUT_MS: intSetting(
    60_000,
    [1_000, 600_000],
    "Time to write one article with its claims (one transaction).",
  ),
  CLAIMDESK_JOB_LEASE_SECONDS: optionalIntSetting(
    [1, 86_400],
    "A longer lease for import items than their budgets need; a shorter one stops the worker at start.",
  ),
  CLAIMDESK_FETCH_CONCURRENCY: intSetting(
    4,
    [1, 256],
    "Web addresses one worker imports at once (beside its threads: fetching waits on the network).",
  ),
  CLAIMDESK_FETCH_PER_HOST: intSetting(
    2,
    [1, 64],
    "Pages fetched at once from one host, over all workers.",
  ),
  CLAIMDESK_MAX_QUEUED_PER_USER: intSetting(
    5_000,
    [1, 10_000_000],
    "Import items one person may have waiting; more are refused until some are done.",
  ),
  CLAIMDESK_FEED_TICK_SECONDS: intSetting(
    15,
    [1, 3_600],
    "How often an idle worker looks for feeds due for a poll.",
  ),
  CLAIMDESK_EXPORT_CONNECTIONS: intSetting(
    2,
    [1, 100],
    "Database connections of the exports (each running export holds one).",
  ),
  CLAIMDESK_EXPORT_WAIT_MS: intSetting(
    30_000,
    [100, 600_000],
    "How long an export waits for one of those connections before it answers busy.",
  ),
  CLAIMDESK_EXPORT_IDLE_SECONDS: intSetting(
    30,
    [1, 3_600],
    "A download that takes nothing for this long is ended and its connection released.",
  ),
} satisfies Record<string, Setting<unknown>>;

type Settings = {
  [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;
};

export class SettingsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid settings: ${problems.join("; ")}`);
    this.name = "SettingsError";
  }
}

/** Parses the settings from an environment; throws naming every variable that is wrong. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(SETTINGS)) {
    const raw = env[name];
    const parsed = (setting.schema as z.ZodType<unknown, string | undefined>).safeParse(
      raw === "" ? undefined : raw,
    );
    if (parsed.success) values[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)} is not ${expects(parsed.error)}`);
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return values as Settings;
}

function expects(error: z.ZodError): string {
  const messages = error.issues.flatMap((issue) =>
    issue.code === "invalid_union"
      ? issue.errors.flat().map((inner) => inner.message)
      : [issue.message],
  );
  return messages.filter((m) => !/expected undefined/i.test(m)).join(", ") || "valid";
}

let cached: Settings | null = null;

/** The settings of this process, parsed from process.env on first use. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

/** Tests that change the environment read it again. */
export function resetSettings(): void {
  cached = null;
}

/** The README's row of each setting: name, default, meaning (a test holds the two together). */
export function settingsTableRows(): Array<[string, string, string]> {
  return Object.entries(SETTINGS).map(([name, setting]) => {
    const shown = setting.shownDefault ?? "";
    return [`\`${name}\``, /^\d+$/.test(shown) ? `\`${shown}\`` : shown, setting.description];
  });
}
