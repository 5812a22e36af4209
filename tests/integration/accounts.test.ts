// Accounts and sessions over real HTTP: sign-in without enumeration, throttling with 429 + Retry-After, password
// reset by mail, change password, deactivation, roles, the audit log, and the first admin from the command line.
import { execFile } from "node:child_process";

/** Runs the CLI without blocking this process (the SMTP server the CLI talks to lives here). */
function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "app/cli/invite.ts", ...args], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { auditLog, rateLimits, sessions, users } from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";
import { mainText } from "../helpers/html";

const PASSWORD = "a long enough password 1";
const NEW_PASSWORD = "copper lantern meadow quartz";

let server: TestServer;
let smtp: TestSmtp;
let admin: Client;

const text = async (res: Response) => mainText(await res.text());

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ label: "accounts", env: { SMTP_URL: smtp.url } });
  await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: PASSWORD });
  await createUser(server.db, { email: "ada@firm.example", name: "Ada Lovelace", password: PASSWORD });
  admin = new Client(server.url);
  await admin.signIn("grace@institute.example", PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("signing in", () => {
  it("answers the same whether or not the account exists", async () => {
    const a = await new Client(server.url).post("/login", { email: "ada@firm.example", password: "wrong password here" });
    const b = await new Client(server.url).post("/login", { email: "nobody@firm.example", password: "wrong password here" });
    expect(a.status).toBe(400);
    expect(b.status).toBe(a.status);
    expect((await text(a)).replace("ada@firm.example", "X")).toBe((await text(b)).replace("nobody@firm.example", "X"));
    const failed = server.db.select().from(auditLog).where(eq(auditLog.action, "signin.failed")).all();
    expect(failed.map((f) => f.subject)).toEqual(expect.arrayContaining(["ada@firm.example", "nobody@firm.example"]));
    server.db.delete(rateLimits).run();
  });

  it("redirectTo only ever goes to a path on this site", async () => {
    for (const evil of ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const c = new Client(server.url);
      const res = await c.post("/login", { email: "ada@firm.example", password: PASSWORD, redirectTo: evil });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
    const ok = await new Client(server.url).post("/login", { email: "ada@firm.example", password: PASSWORD, redirectTo: "/account?tab=1" });
    expect(ok.headers.get("location")).toBe("/account?tab=1");
  });

  it("session cookies are HttpOnly and SameSite=Lax", async () => {
    const res = await new Client(server.url).post("/login", { email: "ada@firm.example", password: PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("colloquy_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=2592000/);
    // Only the SHA-256 of the session id is stored.
    const id = cookie.split(";")[0]!.split("=")[1]!;
    expect(server.db.select().from(sessions).where(eq(sessions.id, id)).get()).toBeUndefined();
  });

  it("repeated failures on one account are slowed, then refused with 429 and Retry-After; the owner gets back in", async () => {
    await createUser(server.db, { email: "target@firm.example", name: "Tara Target", password: PASSWORD });
    const statuses: number[] = [];
    let last: Response | null = null;
    const took: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = Date.now();
      last = await new Client(server.url).post("/login", { email: "target@firm.example", password: `guess number ${i}` });
      took.push(Date.now() - t0);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The fourth and fifth answers were slowed down before the refusals began.
    expect(took[3]).toBeGreaterThanOrEqual(700);
    expect(took[4]).toBeGreaterThanOrEqual(700);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(last!.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect(await text(last!)).toContain("Too many attempts");
    // Even the right password waits while the account is throttled…
    const right = await new Client(server.url).post("/login", { email: "target@firm.example", password: PASSWORD });
    expect(right.status).toBe(429);
    // …an account that does not exist is throttled exactly alike (no enumeration through throttling)…
    for (let i = 0; i < 5; i++) await new Client(server.url).post("/login", { email: "ghost@firm.example", password: `guess ${i}` });
    expect((await new Client(server.url).post("/login", { email: "ghost@firm.example", password: "guess" })).status).toBe(429);
    // …other accounts are unaffected…
    expect((await new Client(server.url).post("/login", { email: "ada@firm.example", password: PASSWORD })).status).toBe(302);
    // …and the block is temporary: when it ends the owner signs in, which clears the account's counter.
    server.db.update(rateLimits).set({ blockedUntil: Date.now() - 1 }).where(eq(rateLimits.key, "signin:acct:target@firm.example")).run();
    expect((await new Client(server.url).post("/login", { email: "target@firm.example", password: PASSWORD })).status).toBe(302);
    expect(server.db.select().from(rateLimits).where(eq(rateLimits.key, "signin:acct:target@firm.example")).get()).toBeUndefined();
    server.db.delete(rateLimits).run();
  });
});

describe("password reset", () => {
  it("the response is the same for unknown addresses, and only a real account gets mail", async () => {
    const a = await new Client(server.url).post("/forgot-password", { email: "ada@firm.example" });
    const b = await new Client(server.url).post("/forgot-password", { email: "nobody@firm.example" });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect((await text(a)).replace("ada@firm.example", "X")).toBe((await text(b)).replace("nobody@firm.example", "X"));
    await smtp.waitFor((m) => m.to === "ada@firm.example" && m.subject === "Reset your Colloquy password");
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.some((m) => m.to === "nobody@firm.example")).toBe(false);
    server.db.delete(rateLimits).run();
  });

  it("a single-use link sets a new password and signs out every session", async () => {
    const user = await createUser(server.db, { email: "reset@firm.example", name: "Rita Reset", password: PASSWORD });
    const laptop = new Client(server.url);
    await laptop.signIn("reset@firm.example", PASSWORD);
    // Failed sign-ins leave a throttle counter on the account; the reset below lifts it.
    for (let i = 0; i < 2; i++) await new Client(server.url).post("/login", { email: "reset@firm.example", password: `guess ${i}` });
    const acctKey = eq(rateLimits.key, "signin:acct:reset@firm.example");
    expect(server.db.select().from(rateLimits).where(acctKey).get()).toBeDefined();
    await new Client(server.url).post("/forgot-password", { email: "reset@firm.example" });
    const m = await smtp.waitFor((m) => m.to === "reset@firm.example");
    expect(m.text).toMatch(/expires at/);
    const path = new URL(m.links.find((l) => l.includes("/reset-password/"))!).pathname;
    const page = await fetch(server.url + path);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const c = new Client(server.url);
    const weak = await c.post(path, { password: "short", confirm: "short" });
    expect(weak.status).toBe(400);
    const done = await c.post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(server.db.select().from(rateLimits).where(acctKey).get()).toBeUndefined();
    expect((await c.get("/account")).status).toBe(200);
    // The laptop's session ended.
    expect((await laptop.get("/account")).status).toBe(302);
    expect(server.db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    // The link works once.
    const again = await new Client(server.url).post(path, { password: "another fine passphrase", confirm: "another fine passphrase" });
    expect(again.status).toBe(410);
    expect(await text(await fetch(server.url + path))).toContain("This reset link can't be used");
    expect((await new Client(server.url).post("/login", { email: "reset@firm.example", password: NEW_PASSWORD })).status).toBe(302);
  });

  it("reset requests are throttled with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 4; i++) {
      last = await new Client(server.url).post("/forgot-password", { email: "spam@firm.example" });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    server.db.delete(rateLimits).run();
  });
});

describe("account and administration", () => {
  it("changing the password signs out every other session but keeps this one", async () => {
    await createUser(server.db, { email: "change@firm.example", name: "Chan Ge", password: PASSWORD });
    const phone = new Client(server.url);
    const desk = new Client(server.url);
    await phone.signIn("change@firm.example", PASSWORD);
    await desk.signIn("change@firm.example", PASSWORD);
    const wrong = await desk.post("/account", { intent: "password", current: "not my password!", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(await text(wrong)).toContain("That is not your current password.");
    const res = await desk.post("/account", { intent: "password", current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(302);
    expect((await desk.get("/account")).status).toBe(200);
    expect((await phone.get("/account")).status).toBe(302);
    await smtp.waitFor((m) => m.to === "change@firm.example" && m.subject === "Your Colloquy password was changed");
    // "Sign out everywhere else" on its own.
    await phone.signIn("change@firm.example", NEW_PASSWORD);
    expect(await text(await desk.get("/account"))).toContain("You are also signed in in one other place.");
    expect((await desk.post("/account", { intent: "signout-others" })).status).toBe(302);
    expect((await phone.get("/account")).status).toBe(302);
    expect(await text(await desk.get("/account"))).toContain("You are not signed in anywhere else.");
    server.db.delete(rateLimits).run();
  });

  it("deactivating an account ends its sessions at once; reactivating lets it sign in again", async () => {
    const u = await createUser(server.db, { email: "leaver@firm.example", name: "Lee Leaver", password: PASSWORD });
    const s = createSeminar(server.db, { title: "Evidence", slug: "evidence" });
    addMember(server.db, { seminarId: s.id, userId: u.id });
    const c = new Client(server.url);
    await c.signIn("leaver@firm.example", PASSWORD);
    expect((await c.get("/s/evidence")).status).toBe(200);
    expect((await admin.post("/admin/users", { intent: "status", id: String(u.id), active: "0" })).status).toBe(302);
    const after = await c.get("/s/evidence");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
    expect((await new Client(server.url).post("/login", { email: "leaver@firm.example", password: PASSWORD })).status).toBe(400);
    await admin.post("/admin/users", { intent: "status", id: String(u.id), active: "1" });
    expect((await new Client(server.url).post("/login", { email: "leaver@firm.example", password: PASSWORD })).status).toBe(302);
  });

  it("role changes are audited; admins cannot demote themselves; members cannot reach admin pages", async () => {
    const u = server.db.select().from(users).where(eq(users.email, "ada@firm.example")).get()!;
    await admin.post("/admin/users", { intent: "role", id: String(u.id), role: "admin" });
    expect(server.db.select().from(users).where(eq(users.id, u.id)).get()!.role).toBe("admin");
    await admin.post("/admin/users", { intent: "role", id: String(u.id), role: "member" });
    const me = server.db.select().from(users).where(eq(users.email, "grace@institute.example")).get()!;
    const self = await admin.post("/admin/users", { intent: "role", id: String(me.id), role: "member" });
    expect(self.status).toBe(302);
    expect(server.db.select().from(users).where(eq(users.id, me.id)).get()!.role).toBe("admin");
    const audit = await text(await admin.get("/admin/audit"));
    // Issue #22: the log names actions in words (the code stays in a tooltip).
    for (const a of ["Network role changed", "Account deactivated", "Account reactivated", "Failed sign-in", "Password changed", "Password reset"]) {
      expect(audit).toContain(a);
    }
    const member = new Client(server.url);
    await member.signIn("ada@firm.example", PASSWORD);
    for (const p of ["/admin", "/admin/invitations", "/admin/users", "/admin/mail", "/admin/audit", "/admin/invitations/links"]) {
      expect((await member.get(p)).status).toBe(403);
    }
    expect((await member.post("/admin/users", { intent: "role", id: String(u.id), role: "admin" })).status).toBe(403);
    expect(server.db.select().from(users).where(eq(users.id, u.id)).get()!.role).toBe("member");
  });

  it("`npm run invite` makes the first admin: it prints a one-time link and mails it", async () => {
    const r = await runCli(["--email", "Founder@Institute.example", "--role", "admin"], { DATABASE_PATH: server.dbFile, APP_URL: server.url, SMTP_URL: smtp.url, NODE_ENV: "production" });
    expect(r.status, r.stderr).toBe(0);
    const printed = /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]{43})/.exec(r.stdout)![1]!;
    expect(r.stdout).toContain("also mailed");
    const m = await smtp.waitFor((m) => m.to === "founder@institute.example");
    expect(m.links).toContain(printed);
    const c = new Client(server.url);
    const res = await c.post(new URL(printed).pathname, { intent: "create", name: "Fay Founder", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(302);
    expect((await c.get("/admin/invitations")).status).toBe(200);
    const bad = await runCli(["--email", "not-an-email"], { DATABASE_PATH: server.dbFile, APP_URL: server.url });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--email must be an email address");
  });

  it("per-address throttling: many failures from one address across accounts get 429", async () => {
    server.db.delete(rateLimits).run();
    expect((await new Client(server.url).post("/login", { email: "spray0@firm.example", password: "guess guess guess" })).status).toBe(400);
    const ipKey = server.db.select().from(rateLimits).all().find((r) => r.key.startsWith("signin:ip:"))!;
    expect(ipKey.failures).toBe(1);
    // Skip ahead: this address already failed 29 times in the window, each with a different account.
    server.db.update(rateLimits).set({ failures: 29 }).where(eq(rateLimits.key, ipKey.key)).run();
    const thirtieth = await new Client(server.url).post("/login", { email: "spray30@firm.example", password: "guess guess guess" });
    expect(thirtieth.status).toBe(400);
    const last = await new Client(server.url).post("/login", { email: "spray31@firm.example", password: "guess guess guess" });
    expect(last.status).toBe(429);
    // The refusal covers real accounts from that address too, for a while.
    expect((await new Client(server.url).post("/login", { email: "ada@firm.example", password: PASSWORD })).status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    server.db.delete(rateLimits).run();
  });
});
