// Issue #21, against the production build over real HTTP: malformed requests get a clear 4xx (never 500) and the
// server keeps serving; a stray bad cookie breaks nothing; redirect targets stay on this site; the sign-in throttle
// holds under truly concurrent guesses; token guessing is throttled; posts that vouch for no origin are refused.
import { eq } from "drizzle-orm";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { auditLog } from "../../db/schema";
import { Client } from "../helpers/http";
import { buildDir, startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "a long enough password 1";

let server: TestServer;
let admin: Client;
let slug: string;

beforeAll(async () => {
  server = await startTestServer({ label: "hardening-http" });
  const grace = await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: PASSWORD });
  await createUser(server.db, { email: "ada@example.com", name: "Ada Lovelace", password: PASSWORD });
  await createUser(server.db, { email: "target@example.com", name: "Tara Target", password: PASSWORD });
  await createUser(server.db, { email: "owner@example.com", name: "Owen Owner", password: PASSWORD });
  const seminar = createSeminar(server.db, { title: "Evidence Workshop", slug: "evidence" });
  addMember(server.db, { seminarId: seminar.id, userId: grace.id, role: "instructor" });
  slug = seminar.slug;
  admin = new Client(server.url);
  await admin.signIn("grace@institute.example", PASSWORD);
});
afterAll(() => server?.stop());

/** A raw request (fetch refuses TRACE and friends), answered with status, headers and body. */
function raw(method: string, urlPath: string, headers: Record<string, string> = {}, body?: Buffer | string) {
  const url = new URL(urlPath, server.url);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { ...headers, ...(body !== undefined ? { "Content-Length": String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Every route with an action, as a URL, from the build's route manifest (params filled with real or plausible values). */
function actionRoutes(): string[] {
  const dir = path.join(buildDir(), "client/build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f))!;
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; hasAction: boolean }>;
  };
  const full = (id: string): string => {
    const r = manifest.routes[id]!;
    const parent = r.parentId ? full(r.parentId) : "";
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  const values: Record<string, string> = { slug, token: "A".repeat(43), id: "1", page: "welcome", post: "1", sessionId: "1", materialId: "1" };
  const urls = Object.values(manifest.routes)
    .filter((r) => r.hasAction)
    .map((r) => "/" + full(r.id).replace(/:(\w+)/g, (_m, name: string) => values[name] ?? "1") + (r.index ? "?index" : ""));
  return [...new Set(urls)].filter((u) => u !== "/logout");
}

describe("malformed requests (issue #21)", () => {
  it("unsupported methods get 405 with Allow on pages, data URLs and static files; OPTIONS lists the methods", async () => {
    for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE", "PATCH", "MKCOL"]) {
      for (const p of ["/", "/login", `/s/${slug}`, "/admin/users", "/favicon.svg", "/no/such/page"]) {
        const res = await raw(method, p, { Origin: server.origin });
        expect(res.status, `${method} ${p}`).toBe(405);
        expect(res.headers.allow, `${method} ${p}`).toBe("GET, HEAD, POST, OPTIONS");
      }
    }
    const options = await raw("OPTIONS", "/login");
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("every action route answers each kind of broken body with a 4xx, and the server keeps serving", async () => {
    const routes = actionRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const boundary = "----colloquy-test-boundary";
    const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nada@exa`;
    // status: the exact answers expected; "4xx": any client error; "not 5xx": a well-formed form with a stray bad
    // cookie is an ordinary request, answered however that action answers it, just never with 500.
    const kinds: { name: string; headers: Record<string, string>; body: string; status: number[] | "4xx" | "not 5xx" }[] = [
      { name: "JSON", headers: { "Content-Type": "application/json" }, body: '{"email":"x@example.com"}', status: [415] },
      { name: "XML", headers: { "Content-Type": "text/xml" }, body: "<?xml version='1.0'?><a/>", status: [415] },
      { name: "text/plain", headers: { "Content-Type": "text/plain" }, body: "email=x", status: [415] },
      { name: "no content type", headers: {}, body: "email=x", status: [415] },
      { name: "multipart without boundary", headers: { "Content-Type": "multipart/form-data" }, body: truncated, status: [400] },
      { name: "truncated multipart", headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body: truncated, status: "4xx" },
      {
        name: "bad cookie",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `_ga=GA1.2.50%; ${admin.cookieHeader()}; x=%E0%A4%A` },
        body: "intent=nothing-real",
        status: "not 5xx",
      },
    ];
    const failures: string[] = [];
    for (const kind of kinds) {
      // Each kind to every route at once: a broken body must not take the server down for anyone else.
      const answers = await Promise.all(
        routes.map((r) => raw("POST", r, { Origin: server.origin, Cookie: admin.cookieHeader(), ...kind.headers }, kind.body).then((a) => ({ r, a }))),
      );
      for (const { r, a } of answers) {
        const ok =
          kind.status === "4xx" ? a.status >= 400 && a.status < 500 : kind.status === "not 5xx" ? a.status < 500 : kind.status.includes(a.status);
        if (!ok) failures.push(`${kind.name} → POST ${r}: ${a.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The admin is still signed in and pages still render.
    expect(await (await admin.get("/")).text()).toContain("Grace Hopper");
  });

  it("a stray cookie with a bad % escape breaks no page; a malformed session cookie is simply no session", async () => {
    const cookie = `_ga=GA1.2.50%; ${admin.cookieHeader()}; sibling=%E0%A4%A`;
    for (const p of ["/", "/login", `/s/${slug}`, "/people", "/admin/users"]) {
      const res = await fetch(`${server.url}${p}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, p).toBeLessThan(500);
      if (p !== "/login") expect(res.status, p).toBe(200);
    }
    const home = await fetch(`${server.url}/`, { headers: { Cookie: cookie } });
    expect(await home.text()).toContain("Grace Hopper");
    for (const bad of ["colloquy_session=%E0%A4%A", "colloquy_session=%", "colloquy_session=\"unterminated", `colloquy_session=${"z".repeat(5000)}`]) {
      const res = await fetch(`${server.url}/`, { headers: { Cookie: bad }, redirect: "manual" });
      expect(res.status, bad).toBe(302);
      expect(res.headers.get("location")).toBe("/login");
      const login = await fetch(`${server.url}/login`, { headers: { Cookie: bad } });
      expect(login.status).toBe(200);
    }
  });
});

describe("redirect targets stay on this site (issue #21)", () => {
  const evil = ["/..//evil.test", "//evil.test", "/\\evil.test", "/%2F%2Fevil.test", "/%5Cevil.test", "/.%2F/evil.test", "https://evil.test/", "/..%2F/evil.test", "/\t/evil.test"];

  it("after signing in, and on a GET when already signed in", async () => {
    for (const target of evil) {
      const c = new Client(server.url);
      const res = await c.post("/login", { email: "ada@example.com", password: PASSWORD, redirectTo: target });
      expect(res.status, target).toBe(302);
      const location = res.headers.get("location")!;
      expect(new URL(location, server.url).origin, `${target} → ${location}`).toBe(server.origin);
      expect(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"), location).toBe(true);
      const again = await c.get(`/login?redirectTo=${encodeURIComponent(target)}`);
      expect(again.status).toBe(302);
      expect(new URL(again.headers.get("location")!, server.url).origin).toBe(server.origin);
    }
    // An ordinary target still works.
    const c = new Client(server.url);
    const ok = await c.post("/login", { email: "ada@example.com", password: PASSWORD, redirectTo: "/people?q=a%2Fb" });
    expect(ok.headers.get("location")).toBe("/people?q=a%2Fb");
  });

  it("the onboarding page never links to another site", async () => {
    for (const target of evil) {
      const html = await (await admin.get(`/onboarding?next=${encodeURIComponent(target)}`)).text();
      const hrefs = [...html.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
      for (const h of hrefs) expect(new URL(h, server.url).origin, `${target}: ${h}`).toBe(server.origin);
      expect(html).not.toContain("evil.test\"");
    }
  });
});

describe("sign-in throttle under concurrency (issue #21)", () => {
  const attempt = (email: string, password: string) =>
    fetch(`${server.url}/login`, {
      method: "POST",
      headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, redirectTo: "/" }),
      redirect: "manual",
    });

  it("40 wrong passwords sent at the same moment: no more are checked than the policy's five", async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt("target@example.com", `wrong password number ${i}`)));
    const statuses = answers.map((r) => r.status);
    const checked = statuses.filter((s) => s === 400).length;
    expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    for (const r of answers.filter((r) => r.status === 429)) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    // How many of the burst reach the hash depends on scheduling (a burst beyond two hashes in flight per account is
    // refused outright), so keep guessing one at a time: burst and sequel together are checked exactly five times.
    let total = checked;
    for (let i = 0; i < 10; i++) {
      const r = await attempt("target@example.com", `a later wrong password ${i}`);
      if (r.status === 429) break;
      expect(r.status).toBe(400);
      total++;
    }
    expect(total).toBe(5);
    const failed = server.db.select().from(auditLog).where(eq(auditLog.subject, "target@example.com")).all();
    expect(failed.length).toBe(total);
    // The account is now refused until its block ends, even with the right password.
    expect((await attempt("target@example.com", PASSWORD)).status).toBe(429);
  });

  it("the right password hidden among 30 wrong ones sent together gets no more checks than sequential guessing", async () => {
    const wrong = Array.from({ length: 30 }, (_, i) => attempt("owner@example.com", `not the password ${i}`));
    const answers = await Promise.all([...wrong.slice(0, 15), attempt("owner@example.com", PASSWORD), ...wrong.slice(15)]);
    const statuses = answers.map((r) => r.status);
    // 400: a wrong password was checked; 302: the right one was checked and signed in; 429: refused unchecked.
    const checked = statuses.filter((s) => s === 400 || s === 302).length;
    expect(statuses.filter((s) => ![400, 302, 429].includes(s))).toEqual([]);
    expect(checked).toBeLessThanOrEqual(5);
  });

  it("a sign-in response is never cached", async () => {
    const res = await attempt("ada@example.com", PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(res.headers.get("cache-control")).toContain("no-store");
  });
});

describe("token guessing and origin-less posts (issue #21)", () => {
  it("guessing invitation and reset tokens from one address is throttled", async () => {
    const guess = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${server.url}/invite/${guess()}`)).status);
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${server.url}/reset-password/${guess()}`)).status);
    // Unknown tokens answer 410 until the address has used its 20 guesses (earlier tests here used a few), then 429.
    expect(statuses.filter((s) => s !== 410 && s !== 429)).toEqual([]);
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(-1);
    expect(firstRefusal).toBeLessThanOrEqual(20);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    const blocked = await fetch(`${server.url}/invite/${guess()}`, { method: "POST", headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=create" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("Too many attempts");
  });

  it("a state-changing request with neither Origin nor Sec-Fetch-Site is refused; Sec-Fetch-Site alone vouches", async () => {
    const body = new URLSearchParams({ email: "ada@example.com", password: PASSWORD });
    const bare = await fetch(`${server.url}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body, redirect: "manual" });
    expect(bare.status).toBe(403);
    expect(bare.headers.getSetCookie()).toEqual([]);
    expect(await bare.text()).toContain("did not say which site it came from");
    const logout = await fetch(`${server.url}/logout`, { method: "POST", headers: { Cookie: admin.cookieHeader() }, redirect: "manual" });
    expect(logout.status).toBe(403);
    expect((await admin.get("/")).status).toBe(200);
    const fetchMeta = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body,
      redirect: "manual",
    });
    expect(fetchMeta.status).toBe(302);
  });
});
