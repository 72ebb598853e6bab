// The web server `npm start` runs: Next.js behind a plain Node HTTP server whose only job
// is to decide, from the socket, whom to believe about where a request comes from.
//
// Next.js keeps a client's own X-Forwarded-For, -Host and -Proto headers when present, so
// without this any client could choose the address its failed logins are counted against,
// or the host the cross-site check compares with. Here every request's x-forwarded-*
// headers are replaced by what lib/http/forwarding.mjs resolves: the socket's own values,
// or those of the proxies CLAIMDESK_TRUSTED_PROXIES names.
//
// Usage: node scripts/serve.mjs --port 3000 --host 127.0.0.1 [--dev]
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pino from "pino";
import { EDGE_MARK, parseTrustedProxies, resolveForwarding } from "../lib/http/forwarding.mjs";
import { oddRequestRefusal } from "../lib/http/odd-requests.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
    dev: { type: "boolean", default: false },
  },
  strict: true,
});
const dev = values.dev;
if (!dev) process.env.NODE_ENV = "production";
const port = Number(values.port);
const trust = parseTrustedProxies(process.env.CLAIMDESK_TRUSTED_PROXIES);
process.env[EDGE_MARK] = "1";
// The name Next.js gives its own server process, which tools (the bench) look for.
process.title = "next-server (claimdesk)";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const limits = JSON.parse(
  readFileSync(path.join(dir, "lib/validation/upload-limits.json"), "utf8"),
);
// Refusals made here, before Next.js, in the app's own log format (lib/log.ts).
const log = pino(
  { base: { app: "claimdesk", pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
  pino.destination({
    dest: process.env.CLAIMDESK_LOG_FILE || 1,
    append: true,
    mkdir: Boolean(process.env.CLAIMDESK_LOG_FILE),
    sync: true,
  }),
);

const { default: next } = await import("next");
const app = next({ dev, dir, hostname: values.host, port });
const handle = app.getRequestHandler();
await app.prepare();

/** @param {import("node:http").IncomingMessage} req */
function rewriteForwarding(req) {
  const resolved = resolveForwarding(
    {
      socketAddress: req.socket.remoteAddress,
      encrypted: "encrypted" in req.socket && Boolean(req.socket.encrypted),
      headers: req.headers,
    },
    trust,
  );
  for (const name of [
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-forwarded-port",
    "x-real-ip",
    "forwarded",
  ]) {
    delete req.headers[name];
  }
  if (resolved.clientAddress) req.headers["x-forwarded-for"] = resolved.clientAddress;
  if (resolved.host) req.headers["x-forwarded-host"] = resolved.host;
  req.headers["x-forwarded-proto"] = resolved.proto;
}

const server = createServer((req, res) => {
  // Requests the app does not serve get a plain answer here (lib/http/odd-requests.mjs).
  const refusal = oddRequestRefusal(req, { maxBodyBytes: limits.requestBytes });
  if (refusal) {
    log.warn(
      { method: req.method, status: refusal.status, reason: refusal.reason },
      "request refused before the app",
    );
    res.writeHead(refusal.status, refusal.headers);
    // A body, if any, is not read: the connection closes once the answer is out.
    res.end(refusal.body);
    return;
  }
  rewriteForwarding(req);
  void handle(req, res);
});
// A socket on which nothing moves for two minutes is closed: a client that stopped reading
// a download (whose export the app ends after CLAIMDESK_EXPORT_IDLE_SECONDS, releasing its
// database connection) does not keep its socket and buffers here for ever.
server.setTimeout(120_000);
// CONNECT never reaches the request handler: without this, Node drops the connection unanswered.
server.on("connect", (req, socket) => {
  const refusal = oddRequestRefusal(req, { maxBodyBytes: limits.requestBytes });
  log.warn(
    { method: req.method, status: refusal?.status, reason: refusal?.reason },
    "request refused before the app",
  );
  socket.end(
    `HTTP/1.1 ${refusal?.status ?? 405} Method Not Allowed\r\nAllow: ${refusal?.headers.allow ?? ""}\r\n` +
      "Content-Length: 0\r\nConnection: close\r\n\r\n",
  );
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => {
    rewriteForwarding(req);
    void upgrade(req, socket, head);
  });
}
server.listen(port, values.host, () => {
  console.log(`▲ Next.js ${dev ? "(development)" : ""} listening on http://${values.host}:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
