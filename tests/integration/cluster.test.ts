// Issue 23: the production server with two workers (WEB_CONCURRENCY=2). Both workers serve; a sign-in throttle holds
// across them; a background job and each mail are handled exactly once; a crashed worker is replaced (and the
// background role with it); a live-update event reaches the member's streams on both workers; SIGTERM drains every
// worker and the server exits 0.
import { eq } from "drizzle-orm";
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { Client } from "../helpers/http";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The live worker processes of the primary, with their role. */
function workers(primary: number): { pid: number; role: string }[] {
  const out: { pid: number; role: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== primary || fields[0] === "Z") continue;
      const env = fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      const role = env.find((e) => e.startsWith("COLLOQUY_WORKER_ROLE="))?.split("=")[1] ?? "?";
      out.push({ pid: Number(entry), role });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function waitUntil<T>(what: string, f: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe("two server workers (issue 23)", () => {
  let smtp: TestSmtp;
  let server: TestServer;

  // A new connection per request, so requests alternate between the workers (the primary hands out connections
  // round-robin).
  const post = (path: string, form: Record<string, string>) =>
    fetch(server.url + path, {
      method: "POST",
      headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded", Connection: "close" },
      body: new URLSearchParams(form),
      redirect: "manual",
    });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "cluster", env: { WEB_CONCURRENCY: "2", SMTP_URL: smtp.url } });
    await createUser(server.db, { email: "target@example.com", name: "Tara Target" });
    await createUser(server.db, { email: "forgetful@example.com", name: "Fred Forgetful" });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  it("runs two workers, exactly one of them for background work, and both answer", async () => {
    const ws = await waitUntil("two workers", () => (workers(server.pid).length === 2 ? workers(server.pid) : false));
    expect(ws.map((w) => w.role).sort()).toEqual(["background", "web"]);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${server.url}/login`, { headers: { Connection: "close" } })));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    await Promise.all(answers.map((r) => r.arrayBuffer()));
  });

  it("checks a wrong password exactly five times across both workers, then refuses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post("/login", { email: "target@example.com", password: `wrong ${i}`, redirectTo: "/" })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);
    const failed = server.db.select().from(schema.auditLog).where(eq(schema.auditLog.subject, "target@example.com")).all();
    expect(failed).toHaveLength(5);
  });

  it("runs a queued job once and sends each of its mails once", async () => {
    const admin = await createUser(server.db, { email: "staff@example.com", role: "admin" });
    const seminar = createSeminar(server.db, { slug: "cluster-sem", title: "Cluster Seminar" });
    const rows = Array.from({ length: 12 }, (_, i) => ({ email: `guest${i}@class.example`, name: `Guest ${i}`, role: "attendee" }));
    const payload = { rows, seminarId: seminar.id, message: "", expiresAt: Date.now() + 86400_000, invitedById: admin.id };
    const job = server.db
      .insert(schema.jobs)
      .values({ kind: "bulk-invite", payload: JSON.stringify(payload), total: rows.length, runAt: new Date() })
      .returning()
      .get();
    await waitUntil("the job to finish", () => server.db.select().from(schema.jobs).where(eq(schema.jobs.id, job.id)).get()?.status === "done");
    expect(server.db.select().from(schema.invitations).where(eq(schema.invitations.batchId, job.id)).all()).toHaveLength(12);
    await Promise.all(rows.map((r) => smtp.waitFor((m) => m.to === r.email, 15_000)));
    // Give a second worker every chance to send anything twice.
    await sleep(3000);
    const invitationMails = smtp.messages.filter((m) => m.to.endsWith("@class.example")).map((m) => m.to).sort();
    expect(invitationMails).toEqual(rows.map((r) => r.email).sort());
  });

  it("sends a password-reset mail asked for on either worker once, soon", async () => {
    const started = Date.now();
    for (let i = 0; i < 2; i++) {
      const res = await post("/forgot-password", { email: "forgetful@example.com" });
      expect(res.status).toBe(200);
    }
    await waitUntil("two reset mails", () => smtp.messages.filter((m) => m.to === "forgetful@example.com").length >= 2);
    // The worker that took the request nudges the background worker, which does not wait for its next round.
    expect(Date.now() - started).toBeLessThan(10_000);
    await sleep(2500);
    const resets = smtp.messages.filter((m) => m.to === "forgetful@example.com");
    expect(resets).toHaveLength(2);
    expect(new Set(resets.map((m) => m.messageId)).size).toBe(2);
  });

  it("replaces a crashed worker, hands the background role on, and keeps delivering mail once", async () => {
    const before = workers(server.pid);
    const background = before.find((w) => w.role === "background")!;
    process.kill(background.pid, "SIGKILL");
    const after = await waitUntil("a replacement worker", () => {
      const ws = workers(server.pid);
      // A just-forked process shows its parent's environment until it has started: wait for both roles.
      return ws.length === 2 && !ws.some((w) => w.pid === background.pid) && ws.every((w) => w.role !== "?") ? ws : false;
    });
    expect(after.map((w) => w.role).sort()).toEqual(["background", "web"]);
    const res = await post("/forgot-password", { email: "target@example.com" });
    expect(res.status).toBe(200);
    await smtp.waitFor((m) => m.to === "target@example.com", 15_000);
    await sleep(2500);
    expect(smtp.messages.filter((m) => m.to === "target@example.com")).toHaveLength(1);
  });

  it("delivers a live-update event to the member's streams on both workers, once each", async () => {
    const listener = await createUser(server.db, { email: "listener@example.com", name: "Lena Listener" });
    const c = new Client(server.url);
    await c.signIn("listener@example.com", PASSWORD);
    // Two streams on two new connections: the primary hands them to the two workers in turn.
    const streams = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<{ text: () => string; close: () => void }>((resolve, reject) => {
            const req = http.get(`${server.url}/events`, { agent: false, headers: { Cookie: c.cookieHeader(), Accept: "text/event-stream" } }, (res) => {
              let text = "";
              res.setEncoding("utf8");
              res.on("data", (d: string) => (text += d));
              resolve({ text: () => text, close: () => req.destroy() });
            });
            req.on("error", reject);
          }),
      ),
    );
    await waitUntil("both streams ready", () => streams.every((x) => x.text().includes("event: ready")));
    server.db
      .insert(schema.notifications)
      .values({ userId: listener.id, event: "test.event", topic: "enrolments", refKind: "seminar", refId: 1, summary: "Something happened", delivery: "portal", createdAt: Date.now() })
      .run();
    const res = await fetch(`${server.url}/notifications`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: c.cookieHeader(), "Content-Type": "application/x-www-form-urlencoded", Connection: "close" },
      body: new URLSearchParams({ intent: "read-all" }),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    await waitUntil("the event on both streams", () => streams.every((x) => x.text().includes("event: notifications")));
    await sleep(500);
    for (const x of streams) expect(x.text().match(/event: notifications/g)).toHaveLength(1);
    streams.forEach((x) => x.close());
  });

  it("on SIGTERM stops every worker gracefully and exits 0", async () => {
    const ws = workers(server.pid);
    expect(ws).toHaveLength(2);
    // A worker that dies just before the stop is being replaced while the stop arrives: the new one, still loading,
    // ends by the signal itself, and that is a clean stop too.
    const web = ws.find((w) => w.role === "web")!;
    process.kill(web.pid, "SIGKILL");
    await waitUntil("the replacement forked", () => workers(server.pid).some((w) => !ws.some((o) => o.pid === w.pid)));
    const exit = await server.terminate();
    expect(exit).toEqual({ code: 0, signal: null });
    for (const w of ws) expect(fs.existsSync(`/proc/${w.pid}`)).toBe(false);
    expect(server.output()).not.toMatch(/unclean stop|exited \(1\)/);
  });
});
