/**
 * One line a person can act on, for the errors met when connecting to Postgres at start.
 */
export function describeDatabaseError(error: unknown, url?: string): string {
  const where = url ? describeTarget(url) : "the database";
  const err = error as { code?: string; message?: string } | undefined;
  switch (err?.code) {
    case "ECONNREFUSED":
      return `Cannot reach ${where}: connection refused. Is PostgreSQL running there? Check DATABASE_URL.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach ${where}: the host name does not resolve. Check DATABASE_URL.`;
    case "ETIMEDOUT":
      return `Cannot reach ${where}: the connection timed out. Check DATABASE_URL and the network.`;
    case "28P01":
    case "28000":
      return `${where} refused the user name or password in DATABASE_URL.`;
    case "3D000":
      return `${where}: the database does not exist. Create it first, or fix DATABASE_URL.`;
    default:
      return `${where}: ${err?.message?.split("\n")[0] ?? String(error)}`;
  }
}

/** host:port/database of a connection URL, without the password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "the PostgreSQL server in DATABASE_URL (the URL does not parse)";
  }
}
