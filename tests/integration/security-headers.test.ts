import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ label: "headers" });
  await createUser(server.db, { email: "ada@example.com", name: "Ada Lovelace", password: "a long enough password 1" });
});
afterAll(() => server?.stop());

function expectBaseline(res: Response) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  expect(res.headers.get("x-powered-by")).toBeNull();
}

describe("security baseline on every response", () => {
  it("HTML page: headers, and every script tag carries this response's nonce", async () => {
    const res = await fetch(`${server.url}/login`);
    expect(res.status).toBe(200);
    expectBaseline(res);
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A second response gets a different nonce.
    const again = await fetch(`${server.url}/login`);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("data request, static file and 404 carry the same headers", async () => {
    const data = await fetch(`${server.url}/login.data`);
    expect(data.status).toBe(200);
    expectBaseline(data);
    const file = await fetch(`${server.url}/favicon.svg`);
    expect(file.status).toBe(200);
    expectBaseline(file);
    const missing = await fetch(`${server.url}/no/such/page`);
    expect(missing.status).toBe(404);
    expectBaseline(missing);
    const body = await missing.text();
    expect(body).toContain("Page not found");
    expect(body).not.toMatch(/at .*\.js:\d+/);
  });

  it("refuses a POST from another site, or from an opaque origin, and changes nothing", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const res = await fetch(`${server.url}/login`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "ada@example.com", password: "a long enough password 1" }),
        redirect: "manual",
      });
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
      expectBaseline(res);
    }
    const fetchMeta = await fetch(`${server.url}/logout`, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site" },
      redirect: "manual",
    });
    expect(fetchMeta.status).toBe(403);
  });

  it("accepts a same-origin POST", async () => {
    const client = new Client(server.url);
    const res = await client.post("/login", { email: "ada@example.com", password: "a long enough password 1" });
    expect(res.status).toBe(302);
    const home = await client.get("/");
    const html = await home.text();
    expect(html).toContain("My seminars");
    expect(html).toContain("Ada Lovelace");
  });

  it("secret-token URLs (invitations, resets, private feeds and calendars) never leak through Referer", async () => {
    for (const path of ["/invite/unknown-token", "/reset-password/unknown-token", "/feeds/unknown/blog.atom", "/calendar/unknown.ics"]) {
      const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
    const ordinary = await fetch(`${server.url}/calendar`, { redirect: "manual" });
    expect(ordinary.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("healthz reports the database", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });
});
