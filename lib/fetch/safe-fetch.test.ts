import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressRefusal, checkedConnector, FetchError, PAGE_TYPES, safeFetch } from "./safe-fetch";

/** A local HTTP server whose routes the tests set, counting what reaches it. */
let server: http.Server;
let port = 0;
const hits: string[] = [];
const seen: Array<Record<string, string | string[] | undefined>> = [];
type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const routes: Record<string, Route> = {
  "/page": (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=iso-8859-1" });
    res.end(
      Buffer.from("<html><title>Caf\xe9</title><p>Un caf\xe9 cr\xe8me.</p></html>", "latin1"),
    );
  },
  "/meta-charset": (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      Buffer.concat([
        Buffer.from('<html><head><meta charset="iso-8859-2"></head><body>'),
        Buffer.from([0xb3, 0xf3, 0x64, 0xbc]), // "łódź" in ISO-8859-2
        Buffer.from("</body></html>"),
      ]),
    );
  },
  "/missing": (_req, res) => {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("not here");
  },
  "/report.pdf": (_req, res) => {
    res.writeHead(200, { "content-type": "application/pdf" });
    res.end("%PDF-1.7");
  },
  "/slow": (_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("late");
    }, 2_000);
  },
  "/dribble": (_req, res) => {
    // Headers at once, then a byte every 100 ms, for ever: the total timeout must end it.
    res.writeHead(200, { "content-type": "text/plain" });
    const timer = setInterval(() => res.write("x"), 100);
    res.on("close", () => clearInterval(timer));
  },
  "/huge": (_req, res) => {
    // No content-length: the cap must hold while streaming.
    res.writeHead(200, { "content-type": "text/plain" });
    const chunk = "x".repeat(64 * 1024);
    let sent = 0;
    const push = () => {
      while (sent < 200 && res.write(chunk)) sent++;
      if (sent < 200) res.once("drain", push);
      else res.end();
    };
    push();
  },
  "/declared-huge": (_req, res) => {
    res.writeHead(200, { "content-type": "text/html", "content-length": String(50 * 1024 * 1024) });
    res.end();
  },
  "/validators": (req, res) => {
    if (req.headers["if-none-match"] === '"v1"') {
      res.writeHead(304, { etag: '"v1"' });
      res.end();
      return;
    }
    res.writeHead(200, {
      "content-type": "text/plain",
      etag: '"v1"',
      "last-modified": "Tue, 01 Dec 2026 10:00:00 GMT",
    });
    res.end("first");
  },
  "/secret": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("internal secret");
  },
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    hits.push(path);
    seen.push(req.headers);
    const redirect = /^\/hop\/(\d+)$/.exec(path);
    if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : "/page" });
      res.end();
      return;
    }
    if (path === "/to-private") {
      res.writeHead(301, { location: `http://127.0.0.1:${port}/secret` });
      res.end();
      return;
    }
    (routes[path] ?? routes["/missing"]!)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const page = (url: string, more: Partial<Parameters<typeof safeFetch>[1]> = {}) =>
  safeFetch(url, { accept: PAGE_TYPES, allowHosts: ["127.0.0.1"], ...more });

async function refusedWith(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return (error as FetchError).message;
}

describe("the fetcher's default settings refuse the desk's own network", () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ["127.0.0.1", () => `http://127.0.0.1:${port}/secret`, /127\.0\.0\.1 is a loopback/],
    [
      "a DNS name resolving to loopback",
      () => `http://localhost:${port}/secret`,
      /localhost resolves to .* loopback/,
    ],
    ["a bracketed IPv6 loopback", () => `http://[::1]:${port}/secret`, /::1 is a loopback/],
    ["decimal IPv4", () => `http://2130706433:${port}/secret`, /127\.0\.0\.1 is a loopback/],
    ["octal IPv4", () => `http://0177.0.0.1:${port}/secret`, /127\.0\.0\.1 is a loopback/],
    ["hexadecimal IPv4", () => `http://0x7f.1:${port}/secret`, /127\.0\.0\.1 is a loopback/],
    ["IPv4-mapped IPv6", () => `http://[::ffff:127.0.0.1]:${port}/secret`, /IPv4-mapped/],
    // Serialised by the URL parser as [::7f00:1], which ipaddr.js calls unicast.
    ["IPv4-compatible IPv6", () => `http://[::127.0.0.1]:${port}/secret`, /IPv4-compatible/],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/", /link-local/],
    ["a private network", () => "http://10.1.2.3/", /private network/],
    ["192.168/16", () => "http://192.168.0.10/", /private network/],
    ["CGNAT", () => "http://100.64.0.1/", /carrier-grade NAT/],
    ["unspecified", () => "http://0.0.0.0/", /unspecified/],
    ["unique-local IPv6", () => "http://[fd00:ec2::254]/", /unique-local/],
    ["a file", () => "file:///etc/passwd", /only http and https/],
    ["credentials", () => "http://user:pw@example.org/", /user name or password/],
  ];
  for (const [name, url, message] of cases) {
    it(name, async () => {
      const before = hits.length;
      expect(await refusedWith(safeFetch(url(), { accept: PAGE_TYPES, allowHosts: [] }))).toMatch(
        message,
      );
      expect(hits.length).toBe(before);
    });
  }

  it("a redirect to a private address, from a host that is allowed", async () => {
    const message = await refusedWith(
      safeFetch(`http://localhost:${port}/to-private`, {
        accept: PAGE_TYPES,
        allowHosts: ["localhost"],
      }),
    );
    expect(message).toMatch(/127\.0\.0\.1 is a loopback/);
    expect(hits.filter((h) => h === "/secret")).toEqual([]);
  });

  it("checks the connected socket's own address too, before a byte is written", async () => {
    // A resolver that lies past the lookup's check (here: one that checks nothing).
    const unchecked = ((
      _host: string,
      options: { all?: boolean },
      callback: (...args: unknown[]) => void,
    ) =>
      options.all
        ? callback(null, [{ address: "127.0.0.1", family: 4 }])
        : callback(null, "127.0.0.1", 4)) as unknown as Parameters<typeof checkedConnector>[2];
    const connect = checkedConnector([], 5_000, unchecked);
    const before = hits.length;
    const refusal = await new Promise<Error | null>((resolve) =>
      connect({ hostname: "news.example", protocol: "http:", port: String(port) }, (...args) =>
        resolve(args[0]),
      ),
    );
    expect(refusal?.message).toMatch(
      /news\.example connected to 127\.0\.0\.1, a loopback address; only public web addresses/,
    );
    expect(hits.length).toBe(before);
  });

  it("classifies public addresses as fetchable and the rest not", () => {
    expect(addressRefusal("93.184.216.34")).toBeNull();
    expect(addressRefusal("2606:2800:220:1:248:1893:25c8:1946")).toBeNull();
    for (const address of [
      "127.0.0.2",
      "172.16.5.4",
      "fe80::1",
      "ff02::1",
      "::",
      "224.0.0.1",
      "::ffff:10.0.0.1",
      // Every IPv6 form that embeds an IPv4 address: compatible (even of a public one),
      // 6to4, NAT64, Teredo.
      "::7f00:1",
      "::a00:1",
      "::808:808",
      "2002:7f00:1::",
      "64:ff9b::7f00:1",
      "2001::1",
    ]) {
      expect(addressRefusal(address), address).not.toBeNull();
    }
  });
});

describe("fetching from an allowed host", () => {
  it("decodes with the charset of the headers, else of the document", async () => {
    expect((await page(`http://127.0.0.1:${port}/page`)).text).toContain("Un café crème.");
    expect((await page(`http://127.0.0.1:${port}/meta-charset`)).text).toContain("łódź");
  });

  it("follows up to five redirects, and refuses a sixth", async () => {
    const fetched = await page(`http://127.0.0.1:${port}/hop/4`);
    expect(fetched.url).toBe(`http://127.0.0.1:${port}/page`);
    expect(await refusedWith(page(`http://127.0.0.1:${port}/hop/5`))).toMatch(/too many redirects/);
  });

  it("says what went wrong: a 404, a PDF, a slow server, a huge page, a closed port", async () => {
    expect(await refusedWith(page(`http://127.0.0.1:${port}/missing`))).toMatch(/answered 404/);
    expect(await refusedWith(page(`http://127.0.0.1:${port}/report.pdf`))).toMatch(
      /is application\/pdf, not a web page/,
    );
    expect(await refusedWith(page(`http://127.0.0.1:${port}/slow`, { timeoutMs: 500 }))).toMatch(
      /took too long/,
    );
    const started = performance.now();
    expect(await refusedWith(page(`http://127.0.0.1:${port}/dribble`, { timeoutMs: 800 }))).toMatch(
      /took too long to answer \(over 800 ms\)/,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(
      await refusedWith(page(`http://127.0.0.1:${port}/huge`, { maxBytes: 1024 * 1024 })),
    ).toMatch(/over 1\.0 MB/);
    expect(await refusedWith(page(`http://127.0.0.1:${port}/declared-huge`))).toMatch(
      /is 50\.0 MB; the limit is 10\.0 MB/,
    );
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await refusedWith(page(`http://127.0.0.1:${closedPort}/`))).toMatch(
      /refused the connection/,
    );
    expect(
      await refusedWith(safeFetch("http://no-such-host.invalid/", { accept: PAGE_TYPES })),
    ).toMatch(/could not find the host/);
  });

  it("sends the validators of a conditional GET and reports 304 as not modified", async () => {
    const first = await page(`http://127.0.0.1:${port}/validators`);
    expect(first).toMatchObject({ notModified: false, text: "first", etag: '"v1"' });
    const second = await page(`http://127.0.0.1:${port}/validators`, {
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second).toMatchObject({ notModified: true, status: 304 });
    expect(seen.at(-1)).toMatchObject({
      "if-none-match": '"v1"',
      "if-modified-since": "Tue, 01 Dec 2026 10:00:00 GMT",
    });
  });
});
