// Issue #24: the production build behind a real nginx (Debian's package) running the shipped site file
// content/deploy/nginx/colloquy.conf, TLS and all, with nginx's default Host handling (the app receives
// `Host: colloquy_app`, never the browser's host). Journeys a member takes work through it; the live stream arrives
// unbuffered; throttles and the audit log see each client's own address; forwarded headers from anyone but the
// proxy are ignored.
import { eq } from "drizzle-orm";
import fs from "node:fs";
import https from "node:https";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, materials } from "../../db/schema";
import { readDemoContent, seedDemo } from "../../db/seed";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { freePort, hasNginx, startNginx, type Nginx } from "../helpers/nginx";
import { startTestServer, type TestServer } from "../helpers/server";

const MAX_UPLOAD_MB = 2;
const SLUG = "trial-advocacy-intensive";

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe.skipIf(!hasNginx)("behind the shipped nginx configuration", () => {
  let server: TestServer;
  let proxy: Nginx;
  let appPort: number;
  const { institute } = readDemoContent();

  beforeAll(async () => {
    const tlsPort = await freePort();
    server = await startTestServer({
      label: "behind-proxy",
      env: {
        APP_URL: `https://127.0.0.1:${tlsPort}`,
        // The recommended setting: the proxy's own address, so nobody else's X-Forwarded-For counts.
        TRUST_PROXY: "127.0.0.1",
        MAX_UPLOAD_MB: String(MAX_UPLOAD_MB),
        EVENTS_HEARTBEAT_SECONDS: "1",
      },
    });
    appPort = Number(new URL(server.url).port);
    await seedDemo(server.db, new Date(), { uploadsDir: server.uploadsDir });
    proxy = await startNginx({ appPort, tlsPort, maxUploadMb: MAX_UPLOAD_MB });
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  /** One HTTPS request through nginx (or plain http to the app with `direct`), from a chosen loopback address. */
  function send(
    pathname: string,
    opts: { method?: string; headers?: Record<string, string>; body?: string; from?: string; direct?: boolean } = {},
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const common = {
        host: "127.0.0.1",
        path: pathname,
        method: opts.method ?? "GET",
        headers: { ...(opts.body ? { "Content-Length": String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers },
        localAddress: opts.from,
        agent: false as const,
      };
      const req = opts.direct
        ? http.request({ ...common, port: appPort })
        : https.request({ ...common, port: proxy.port, ca: proxy.ca, servername: undefined });
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end(opts.body);
    });
  }

  function formPost(pathname: string, fields: Record<string, string>, opts: { from?: string; direct?: boolean; headers?: Record<string, string>; cookie?: string } = {}) {
    return send(pathname, {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      from: opts.from,
      direct: opts.direct,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: proxy.origin,
        ...(opts.cookie ? { Cookie: opts.cookie } : {}),
        ...opts.headers,
      },
    });
  }

  async function sessionCookie(email: string): Promise<string> {
    const res = await formPost("/login", { email, password: institute.demoPassword, redirectTo: "/" });
    expect(res.status).toBe(302);
    const set = [res.headers["set-cookie"] ?? []].flat();
    const session = set.find((c) => c.startsWith("__Host-colloquy_session="));
    expect(session, set.join("\n")).toBeDefined();
    return session!.split(";")[0]!;
  }

  it("signs in through the proxy with its default Host: a __Host- Secure cookie, never a 500", async () => {
    const res = await formPost("/login", { email: "marcus.hale@example.org", password: institute.demoPassword, redirectTo: "/" });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/");
    const cookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.includes("colloquy_session="))!;
    expect(cookie).toMatch(/^__Host-colloquy_session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    const home = await send("/", { headers: { Cookie: cookie.split(";")[0]! } });
    expect(home.status).toBe(200);
    expect(home.body).toContain("My seminars");
    expect(home.headers["strict-transport-security"]).toMatch(/max-age=/);
  });

  it("a post from another origin is a clear 403 through the proxy, and a proxy sending only its own Host is fine", async () => {
    for (const origin of ["https://evil.example", "http://colloquy_app", "not a url", `http://127.0.0.1:${proxy.port}`]) {
      const evil = await formPost("/login", { email: "marcus.hale@example.org", password: institute.demoPassword }, { headers: { Origin: origin } });
      expect(evil.status, origin).toBe(403);
      expect(evil.body).toContain("Cross-site form submissions are not accepted.");
      expect(evil.headers["set-cookie"]).toBeUndefined();
    }
    // Exactly what broke (a 500 from Remix's Origin-versus-Host check): a proxy sending `Host: 127.0.0.1:3000`
    // and no X-Forwarded-Host, for a browser on the public origin.
    const direct = await formPost(
      "/login",
      { email: "marcus.hale@example.org", password: institute.demoPassword, redirectTo: "/" },
      { direct: true, headers: { Host: "127.0.0.1:3000" } },
    );
    expect(direct.status).toBe(302);
    // Links built from the request use the public origin, whatever Host arrived (the vCard's profile link).
    const cookie = await sessionCookie("marcus.hale@example.org");
    const people = await send("/people", { headers: { Cookie: cookie } });
    const someone = /href="\/people\/(\d+)"/.exec(people.body)?.[1];
    expect(someone).toBeDefined();
    const vcf = await send(`/people/${someone}.vcf`, { headers: { Cookie: cookie } });
    expect(vcf.status).toBe(200);
    expect(vcf.body).toContain(`URL:${proxy.origin}/people/${someone}`);
  });

  it.skipIf(!hasBrowser)(
    "in a browser through the proxy: a redirect to sign in and back, a comment, and an upload near the size limit",
    async () => {
      const browser: Browser = await launchBrowser();
      const files = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-proxy-upload-"));
      try {
        const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on("pageerror", (e) => problems.push(e.message));
        const serverErrors: string[] = [];
        page.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));

        // Signed out, a seminar page redirects to sign-in and, once signed in, back to the page.
        await page.goto(`${proxy.origin}/s/${SLUG}/blog`);
        expect(new URL(page.url()).pathname).toBe("/login");
        await page.getByLabel("Email").fill("marcus.hale@example.org");
        await page.getByLabel("Password").fill(institute.demoPassword);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(`${proxy.origin}/s/${SLUG}/blog`);
        const cookies = await context.cookies();
        const session = cookies.find((c) => c.name === "__Host-colloquy_session");
        expect(session?.secure).toBe(true);

        await page.getByRole("link", { name: "What I learned from bombing my opening" }).first().click();
        await page.getByLabel("Add a comment").fill("Posted through nginx: the opening is a story, not a summary.");
        await page.getByRole("button", { name: "Post comment" }).click();
        await page.getByRole("paragraph").filter({ hasText: "Posted through nginx: the opening is a story, not a summary." }).waitFor();
        // The comment is saved, not just shown.
        await page.reload();
        await page.getByRole("paragraph").filter({ hasText: "Posted through nginx: the opening is a story, not a summary." }).waitFor();

        // A file just under MAX_UPLOAD_MB (and the form around it) passes nginx's client_max_body_size.
        const bytes = MAX_UPLOAD_MB * 1024 * 1024 - 64 * 1024;
        const notebook = path.join(files, "Trial notebook.txt");
        fs.writeFileSync(notebook, "Objection, hearsay. Sustained.\n".repeat(Math.ceil(bytes / 31)).slice(0, bytes));
        await page.goto(`${proxy.origin}/s/${SLUG}/materials/new`);
        await page.getByLabel("Title").fill("Trial notebook");
        await page.getByLabel("File", { exact: true }).setInputFiles(notebook);
        await page.getByRole("button", { name: "Upload" }).click();
        await page.getByRole("heading", { level: 1, name: "Trial notebook" }).waitFor();
        expect(await page.getByRole("status").textContent()).toContain("The material was uploaded.");
        const row = server.db.select().from(materials).where(eq(materials.title, "Trial notebook")).get();
        expect(row).toBeDefined();

        expect(serverErrors).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      } finally {
        await browser.close();
        fs.rmSync(files, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it("a file over the limit is refused (413), by the app up to nginx's limit and by nginx beyond it", async () => {
    const cookie = await sessionCookie("marcus.hale@example.org");
    const boundary = "----colloquyproxytest";
    const big = (n: number) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nToo big\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n` +
      "x".repeat(n) +
      `\r\n--${boundary}--\r\n`;
    const headers = { Cookie: cookie, Origin: proxy.origin, "Content-Type": `multipart/form-data; boundary=${boundary}` };
    const overByLittle = await send(`/s/${SLUG}/materials/new`, { method: "POST", headers, body: big(MAX_UPLOAD_MB * 1024 * 1024 + 700 * 1024) });
    expect(overByLittle.status).toBe(413);
    // nginx answers before reading the whole body; if our next write meets the closed socket first, the kernel's
    // reset can swallow the answer (a race of this client, not of nginx), so such a try is repeated.
    let overByMuch: Reply | undefined;
    for (let attempt = 1; !overByMuch; attempt++) {
      try {
        overByMuch = await send(`/s/${SLUG}/materials/new`, { method: "POST", headers, body: big((MAX_UPLOAD_MB + 2) * 1024 * 1024) });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (attempt >= 3 || (code !== "EPIPE" && code !== "ECONNRESET")) throw e;
      }
    }
    expect(overByMuch.status).toBe(413);
    expect(overByMuch.body).toContain("That file is too large");
  });

  it("the live stream (/events) arrives through the proxy event by event, while it stays open", async () => {
    const signedOut = await send("/events");
    expect(signedOut.status).toBe(401);

    const cookie = await sessionCookie("marcus.hale@example.org");
    const received: string[] = [];
    const req = https.request({ host: "127.0.0.1", port: proxy.port, path: "/events", ca: proxy.ca, agent: false, headers: { Cookie: cookie, Accept: "text/event-stream" } });
    try {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        req.on("response", resolve);
        req.on("error", reject);
        req.end();
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
      expect(res.headers["cache-control"]).toContain("no-transform");
      res.setEncoding("utf8");
      // Each event must come through on its own: a buffering proxy would hold these small writes back (and this
      // test would time out) until the stream ended, which it never does.
      await new Promise<void>((resolve, reject) => {
        res.on("data", (chunk: string) => {
          received.push(chunk);
          const text = received.join("");
          if (/event: ready\n/.test(text) && (text.match(/event: heartbeat\n/g)?.length ?? 0) >= 2) resolve();
        });
        res.on("end", () => reject(new Error(`the stream ended early: ${received.join("")}`)));
      });
      expect(res.complete).toBe(false);
    } finally {
      req.destroy();
    }
    const text = received.join("");
    expect(text.indexOf("event: ready")).toBeLessThan(text.indexOf("event: heartbeat"));
    expect(text).toMatch(/^retry: \d+\n/);
  });

  it("fingerprinted assets are cached by nginx and marked immutable", async () => {
    const page = await send("/login");
    const asset = /(?:src|href)="(\/build\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    const first = await send(asset!);
    const second = await send(asset!);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers["x-cache-status"]).toBe("HIT");
    expect(second.headers["cache-control"]).toContain("immutable");
    expect(second.body).toBe(first.body);
  });

  it(
    "two clients behind the proxy are throttled separately, and forwarded addresses count only from the proxy",
    async () => {
      const attempt = (n: number, from: string, extra: { direct?: boolean; headers?: Record<string, string> } = {}) =>
        formPost("/login", { email: `nobody-${from}-${n}@example.com`, password: "not the password" }, { from, ...extra });
      // 127.0.0.2 fails with a different email each time (so only the per-address counter can stop it) and also
      // claims, in X-Forwarded-For, to be someone else: nginx appends the real peer, and only that counts.
      let throttledAfter = 0;
      for (let n = 1; n <= 80; n++) {
        const res = await attempt(n, "127.0.0.2", { headers: { "X-Forwarded-For": "203.0.113.77" } });
        if (res.status === 429) {
          throttledAfter = n;
          expect(res.headers["retry-after"]).toMatch(/^\d+$/);
          break;
        }
        expect(res.status).toBe(400);
      }
      expect(throttledAfter).toBeGreaterThan(1);
      // Another client, through the same proxy, is not affected.
      expect((await attempt(1, "127.0.0.3")).status).toBe(400);
      // Straight to the app, a peer that is not the proxy cannot borrow a throttled address, nor hide its own.
      expect((await attempt(1, "127.0.0.4", { direct: true, headers: { "X-Forwarded-For": "127.0.0.3" } })).status).toBe(400);
      expect((await attempt(2, "127.0.0.5", { direct: true, headers: { "X-Forwarded-For": "198.51.100.9" } })).status).toBe(400);

      const failed = server.db.select({ subject: auditLog.subject, ip: auditLog.ip }).from(auditLog).where(eq(auditLog.action, "signin.failed")).all();
      const ipOf = (who: string) => new Set(failed.filter((r) => r.subject.startsWith(`nobody-${who}-`)).map((r) => r.ip));
      expect(ipOf("127.0.0.2")).toEqual(new Set(["127.0.0.2"]));
      expect(ipOf("127.0.0.3")).toEqual(new Set(["127.0.0.3"]));
      expect(ipOf("127.0.0.4")).toEqual(new Set(["127.0.0.4"]));
      expect(ipOf("127.0.0.5")).toEqual(new Set(["127.0.0.5"]));
      expect(failed.some((r) => r.ip === "203.0.113.77" || r.ip === "198.51.100.9")).toBe(false);
    },
    120_000,
  );
});
