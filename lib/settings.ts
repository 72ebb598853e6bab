import os from "node:os";
import { z } from "zod";
import { parseTrustedProxies } from "./http/forwarding.mjs";
import { ROLES, type Role } from "./domain/roles";
import { LANGUAGE_TAG } from "./domain/language-tag";

/**
 * The app's settings from the environment, each parsed by one zod schema: a value that is
 * not what the setting expects stops the process at start (`npm start`, the server, a
 * worker) with the variable's name and what it expects, instead of falling back silently
 * or becoming NaN. Every other file reads the typed value (`settings()`), never
 * process.env; the README's table of settings is these rows (a test holds the two
 * together). Plain-JavaScript entry points that run before any TypeScript loader
 * (`scripts/serve.mjs`, `next.config.js`) read their few variables themselves, after
 * `npm start` has checked them here.
 */

type Raw = string | undefined;

/** One setting: its schema (absent or empty → its default) and its row in the README. */
interface Setting<T> {
  schema: z.ZodType<T, Raw>;
  description: string;
  /** The default as the README shows it. */
  shownDefault: string;
}

const absent = <T>(fallback: () => T) => z.undefined().transform(fallback);

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`));

function setting<T>(schema: z.ZodType<T, Raw>, shownDefault: string, description: string) {
  return { schema, shownDefault, description } satisfies Setting<T>;
}

function intSetting(
  fallback: number | (() => number),
  [min, max]: [number, number],
  description: string,
  shownDefault?: string,
): Setting<number> {
  const resolve = () => (typeof fallback === "function" ? fallback() : fallback);
  return setting(
    z.union([absent(resolve), whole(min, max)]) as z.ZodType<number, Raw>,
    shownDefault ?? `\`${resolve()}\``,
    description,
  );
}

function optional<T>(schema: z.ZodType<T, string>, shownDefault: string, description: string) {
  return setting(
    z.union([z.undefined(), schema]) as z.ZodType<T | undefined, Raw>,
    shownDefault,
    description,
  );
}

const httpUrl = z.url({ protocol: /^https?$/, error: "an http:// or https:// address" });
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, "a postgres:// or postgresql:// address");

const cores = () => Math.max(1, os.availableParallelism());

export const SETTINGS = {
  DATABASE_URL: optional(
    postgresUrl,
    "embedded server",
    "A PostgreSQL server to use instead of the embedded one. Demo users are then seeded only with `npm start -- --seed-demo`.",
  ),
  DATABASE_POOL_SIZE: intSetting(
    10,
    [1, 1_000],
    "Database connections of each app instance and worker (pages, actions, imports).",
  ),
  NEXTAUTH_SECRET: optional(
    z.string().min(32, "at least 32 characters long"),
    "generated into `.data/`",
    "Signs session cookies. Required with `DATABASE_URL`.",
  ),
  NEXTAUTH_URL: optional(
    httpUrl,
    "`http://localhost:$PORT`",
    "The address people use; an `https://` address makes cookies `Secure`.",
  ),
  PORT: intSetting(3000, [1, 65_535], "Where the app listens."),
  HOST: setting(
    z.union([absent(() => "127.0.0.1"), z.string().regex(/^\S+$/, "a host name or address")]),
    "`127.0.0.1`",
    "The address the app listens on. `HOST=0.0.0.0` to serve other machines.",
  ),
  CLAIMDESK_DATA_DIR: setting(
    z.union([absent(() => ".data"), z.string().min(1)]),
    "`.data`",
    "Where the embedded database and the generated secret live.",
  ),
  CLAIMDESK_LOG_FILE: optional(
    z.string().min(1),
    "standard output",
    "Appends the app's JSON log to this file instead.",
  ),
  LOG_LEVEL: setting(
    z.union([
      absent(() => "info" as const),
      z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"], {
        error: "one of debug, info, warn, error or silent",
      }),
    ]),
    "`info`",
    "`debug`, `info`, `warn`, `error` or `silent`.",
  ),
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
  CLAIMDESK_JOB_LEASE_SECONDS: optional(
    whole(1, 86_400),
    "unset",
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
  CLAIMDESK_FETCH_ALLOW_HOSTS: setting(
    z.union([
      absent(() => [] as string[]),
      z.string().transform((value) =>
        value
          .split(",")
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      ),
    ]),
    "none",
    "Host names the web fetcher may reach on private addresses (tests, intranets); everything else must be public.",
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
  CLAIMDESK_TRUSTED_PROXIES: optional(
    z.string().refine((value) => {
      try {
        parseTrustedProxies(value);
        return true;
      } catch {
        return false;
      }
    }, "a hop count or a comma-separated list of addresses and CIDR ranges"),
    "none",
    "Proxies whose `X-Forwarded-*` headers are believed: addresses, CIDR ranges or a hop count.",
  ),
  CLAIMDESK_OIDC_ISSUER: optional(
    httpUrl,
    "unset (no single sign-on)",
    "An OpenID Connect provider's issuer (`https://accounts.google.com`, `https://login.microsoftonline.com/<tenant>/v2.0`, `https://<org>.okta.com`): the login page offers to sign in with it. Needs the client id and secret.",
  ),
  CLAIMDESK_OIDC_CLIENT_ID: optional(
    z.string().min(1),
    "none",
    "The desk's client id at the provider.",
  ),
  CLAIMDESK_OIDC_CLIENT_SECRET: optional(
    z.string().min(1),
    "none",
    "The desk's client secret at the provider.",
  ),
  CLAIMDESK_OIDC_NAME: setting(
    z.union([absent(() => "single sign-on"), z.string().min(1).max(60)]),
    "`single sign-on`",
    "The provider's name on the login page's button (`Sign in with …`).",
  ),
  CLAIMDESK_OIDC_DOMAINS: setting(
    z.union([
      absent((): string[] => []),
      z
        .string()
        .transform((list) =>
          list
            .split(",")
            .map((domain) => domain.trim().toLowerCase())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z
              .string()
              .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "a comma-separated list of email domains"),
          ),
        ),
    ]),
    "none (invitations only)",
    "Email domains whose people get an account at their first single sign-on (`newsroom.org,bureau.newsroom.org`); anyone else needs an admin's invitation.",
  ),
  CLAIMDESK_OIDC_DEFAULT_ROLE: setting(
    z.union([absent(() => "REVIEWER" as const), z.enum(ROLES, { error: ROLES.join(", ") })]),
    "`REVIEWER`",
    "The role of an account made at its first single sign-on, when no group maps to a role.",
  ),
  CLAIMDESK_OIDC_ROLE_CLAIM: setting(
    z.union([absent(() => "groups"), z.string().regex(/^[\w:./-]+$/, "a claim name")]),
    "`groups`",
    "The ID token's claim listing a person's groups, read with `CLAIMDESK_OIDC_ROLE_MAP`.",
  ),
  CLAIMDESK_OIDC_ROLE_MAP: setting(
    z.union([
      absent((): Record<string, Role> => ({})),
      z
        .string()
        .regex(
          /^\s*[^=,]+=(REVIEWER|EDITOR|ADMIN)\s*(,\s*[^=,]+=(REVIEWER|EDITOR|ADMIN)\s*)*$/,
          "group=ROLE pairs separated by commas",
        )
        .transform(
          (list) =>
            Object.fromEntries(
              list.split(",").map((pair) => {
                const at = pair.lastIndexOf("=");
                return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
              }),
            ) as Record<string, Role>,
        ),
    ]),
    "none",
    "Roles from the provider's groups (`desk-editors=EDITOR,desk-admins=ADMIN`). Set, it decides the role at every single sign-on: the highest of the person's groups, else the default role.",
  ),
  CLAIMDESK_DEFAULT_LANGUAGE: setting(
    z.union([
      absent(() => "en"),
      z.string().regex(LANGUAGE_TAG, { error: "a language tag like en or es" }),
    ]),
    "`en`",
    "The desk's language. An imported article too short to detect its language in (detection needs about 120 letters) gets it; every other article's language is detected, or given by the import. The public fact-check pages speak it when the interface has it (`en`, `es`, `ar`), else English.",
  ),
  CLAIMDESK_PASSWORD_LOGIN: setting(
    z.union([
      absent(() => true),
      z.enum(["on", "off"], { error: "on or off" }).transform((value) => value === "on"),
    ]),
    "`on`",
    "`off` signs people in through the provider only: the login page has no password form and passwords are refused.",
  ),
  CLAIMDESK_REQUIRE_2FA: setting(
    z.union([
      absent(() => "admins" as const),
      z.enum(["admins", "all", "off"], { error: "admins, all or off" }),
    ]),
    "`admins`",
    "Who must set up a second factor (an authenticator app's codes) before using a password account: `admins`, `all`, or `off` (nobody is made to; anyone may).",
  ),
  CLAIMDESK_SMTP_URL: optional(
    z.url({ protocol: /^smtps?$/, error: "an smtp:// or smtps:// address" }),
    "unset (no mail)",
    "The mail server for notification mails and daily digests (`smtp://user:password@host:587`, `smtps://` for TLS from the start); mail is off when unset.",
  ),
  CLAIMDESK_MAIL_FROM: setting(
    z.union([absent(() => "ClaimDesk <claimdesk@localhost>"), z.string().min(3).max(200)]),
    "`ClaimDesk <claimdesk@localhost>`",
    "The sender of the desk's mails.",
  ),
  CLAIMDESK_DIGEST_HOUR: intSetting(
    7,
    [0, 23],
    "The hour (UTC) from which each day's digest is mailed to the people who asked for one.",
  ),
  CLAIMDESK_DELIVERY_TIMEOUT_SECONDS: intSetting(
    10,
    [1, 120],
    "How long one webhook POST, or each step of one mail, may take before the delivery counts as failed and is tried again later.",
  ),
  CLAIMDESK_PUBLIC_URL: optional(
    httpUrl,
    "none",
    "Another address of the app, the one readers use: the public fact-check pages' canonical addresses, the feed, the sitemap and the exports' links name it; requests from its origin count as same-site.",
  ),
  CLAIMDESK_PUBLIC_BYLINES: setting(
    z.union([
      absent(() => false),
      z.enum(["on", "off"], { error: "on or off" }).transform((value) => value === "on"),
    ]),
    "`off`",
    "`on` names the reviewer and the approving editor on each public fact-check page.",
  ),
  CLAIMDESK_ORG_NAME: setting(
    z.union([absent(() => "ClaimDesk fact-check desk"), z.string().min(1).max(200)]),
    "`ClaimDesk fact-check desk`",
    "The organisation ClaimReview names as the author of each review.",
  ),
  CLAIMDESK_ORG_URL: setting(
    z.union([absent(() => "https://factcheck.example.org"), httpUrl]),
    "`https://factcheck.example.org`",
    "The organisation's address in ClaimReview.",
  ),
  CLAIMDESK_CLAIM_URL_TEMPLATE: optional(
    z.string().includes("{id}", { error: "an address holding {id}" }),
    "`<org url>/fact-checks/{id}`",
    "The address of each published review in ClaimReview; `{id}` is the claim's id.",
  ),
} satisfies Record<string, Setting<unknown>>;

export type Settings = {
  [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;
};

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings: ${problems.join("; ")}`);
    this.name = "SettingsError";
  }
}

/** Parses the settings from an environment; throws naming every variable that is wrong. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(SETTINGS)) {
    const raw = env[name];
    const parsed = (entry.schema as z.ZodType<unknown, Raw>).safeParse(
      raw === undefined || raw.trim() === "" ? undefined : raw,
    );
    if (parsed.success) values[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)} is not ${expects(parsed.error)}`);
  }
  if (problems.length === 0) problems.push(...signInProblems(values as Settings));
  if (problems.length > 0) throw new SettingsError(problems);
  return values as Settings;
}

/** The sign-in settings that only make sense together. */
function signInProblems(s: Settings): string[] {
  const problems: string[] = [];
  if (s.CLAIMDESK_OIDC_ISSUER && (!s.CLAIMDESK_OIDC_CLIENT_ID || !s.CLAIMDESK_OIDC_CLIENT_SECRET)) {
    problems.push(
      "CLAIMDESK_OIDC_ISSUER needs CLAIMDESK_OIDC_CLIENT_ID and CLAIMDESK_OIDC_CLIENT_SECRET",
    );
  }
  if (!s.CLAIMDESK_PASSWORD_LOGIN && !s.CLAIMDESK_OIDC_ISSUER) {
    problems.push("CLAIMDESK_PASSWORD_LOGIN=off needs CLAIMDESK_OIDC_ISSUER: nobody could sign in");
  }
  return problems;
}

function expects(error: z.ZodError): string {
  const messages = error.issues.flatMap((issue) =>
    issue.code === "invalid_union"
      ? issue.errors.flat().map((inner) => inner.message)
      : [issue.message],
  );
  return messages.filter((m) => !/expected undefined/i.test(m)).join(", ") || "valid";
}

const NAMES = Object.keys(SETTINGS) as Array<keyof typeof SETTINGS>;
let cached: { key: string; value: Settings } | null = null;

/**
 * The settings of this process's environment as it is now: parsed again only when a
 * variable changed (the command-line scripts set DATABASE_URL once they have started the
 * embedded server; tests change what they test).
 */
export function settings(): Settings {
  const key = NAMES.map((name) => process.env[name] ?? "").join("\u0000");
  if (cached?.key !== key) cached = { key, value: parseSettings(process.env) };
  return cached.value;
}

/** What a server instance needs beyond the defaults: a database and a session secret. */
export function serverSettings(): Settings & { DATABASE_URL: string; NEXTAUTH_SECRET: string } {
  const s = settings();
  const missing = (["DATABASE_URL", "NEXTAUTH_SECRET"] as const).filter((name) => !s[name]);
  if (missing.length > 0) {
    throw new SettingsError(missing.map((name) => `${name} is not set`));
  }
  return s as Settings & { DATABASE_URL: string; NEXTAUTH_SECRET: string };
}

/** The README's row of each setting: name, default, meaning (a test holds the two together). */
export function settingsTableRows(): Array<[string, string, string]> {
  return Object.entries(SETTINGS).map(([name, entry]) => [
    `\`${name}\``,
    entry.shownDefault,
    entry.description,
  ]);
}
