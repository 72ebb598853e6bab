import { describe, expect, it } from "vitest";
import { ALLOWED_METHODS, oddRequestRefusal } from "./odd-requests.mjs";

const limits = { maxBodyBytes: 10_551_296 };
const refuse = (method: string, url: string, headers: Record<string, string> = {}) =>
  oddRequestRefusal({ method, url, headers }, limits);

describe("oddRequestRefusal", () => {
  it("lets ordinary requests through", () => {
    expect(refuse("GET", "/claims?state=NEW")).toBeNull();
    expect(refuse("HEAD", "/")).toBeNull();
    expect(refuse("POST", "/", { "content-length": "1200" })).toBeNull();
    expect(refuse("OPTIONS", "/api/v1/claims")).toBeNull();
  });

  it("answers OPTIONS * with the methods served, and refuses TRACE, TRACK and CONNECT with 405", () => {
    expect(refuse("OPTIONS", "*")).toMatchObject({
      status: 204,
      body: "",
      headers: { allow: ALLOWED_METHODS },
    });
    for (const method of ["TRACE", "track", "CONNECT"]) {
      expect(refuse(method, method === "CONNECT" ? "evil.example:443" : "/login")).toMatchObject({
        status: 405,
        headers: { allow: ALLOWED_METHODS },
      });
    }
  });

  it("refuses a target that is not a path: absolute form, authority form, garbage", () => {
    for (const target of ["http://evil.example/login", "evil.example:80", "login", ""]) {
      expect(refuse("GET", target)?.status, target).toBe(400);
    }
  });

  it("refuses a body whose length is over the limit with 413 naming both sizes", () => {
    const over = refuse("POST", "/", { "content-length": String(12 * 1024 * 1024) });
    expect(over).toMatchObject({ status: 413 });
    expect(over!.body).toBe("The request is 12.0 MB; the limit is 10.1 MB.\n");
    expect(refuse("POST", "/", { "content-length": "10551296" })).toBeNull();
    // A body sent in chunks has no length to check here: clients (fetch with a stream,
    // Playwright's request API) send ordinary requests that way.
    expect(refuse("POST", "/", { "transfer-encoding": "chunked" })).toBeNull();
    expect(refuse("GET", "/", { "content-length": String(12 * 1024 * 1024) })).toBeNull();
  });
});
