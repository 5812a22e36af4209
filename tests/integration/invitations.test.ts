// Invitations over real HTTP against the production build, with mail through a real SMTP server on loopback.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { auditLog, invitationMails, invitations, memberships, users } from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";
import { mainText } from "../helpers/html";

const PASSWORD = "a long enough password 1";
const NEW_PASSWORD = "violet kettle harbour lamp";

let server: TestServer;
let smtp: TestSmtp;
let admin: Client;
let seminar: { id: number; slug: string; title: string };
let other: { id: number; slug: string; title: string };


const text = async (res: Response) => mainText(await res.text());

/** After accepting, newcomers go through profile set-up (issue #4) on their way to the seminar. */
function expectLanding(location: string | null, slug: string) {
  const target = `/s/${slug}?welcome=1`;
  expect([target, `/onboarding?next=${encodeURIComponent(target)}`]).toContain(location);
}

function tokenFrom(link: string) {
  return new URL(link).pathname.split("/").pop()!;
}

async function inviteByAdmin(email: string, extra: Record<string, string> = {}) {
  const res = await admin.post("/admin/invitations/new", {
    email,
    name: "",
    seminar: String(seminar.id),
    seminarRole: "attendee",
    networkRole: "member",
    message: "",
    days: "14",
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(302);
  const m = await smtp.waitFor((m) => m.to === email.toLowerCase() && /invited you/.test(m.subject));
  const link = m.links.find((l) => l.includes("/invite/"))!;
  return { mail: m, link, token: tokenFrom(link), path: new URL(link).pathname };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ label: "invitations", env: { SMTP_URL: smtp.url } });
  await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: PASSWORD });
  seminar = createSeminar(server.db, { title: "Trial Advocacy Intensive", slug: "trial-advocacy" });
  other = createSeminar(server.db, { title: "Secret Seminar", slug: "secret-seminar" });
  admin = new Client(server.url);
  await admin.signIn("grace@institute.example", PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("inviting and accepting", () => {
  it("the invitation email names the inviter, the seminar, the message and the expiry, in HTML and text", async () => {
    const { mail } = await inviteByAdmin("attorney1@firm.example", { name: "Ada Attorney", message: "Looking forward to\nyour questions." });
    expect(mail.subject).toBe("Grace Hopper invited you to “Trial Advocacy Intensive” on Colloquy");
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("Grace Hopper");
      expect(part).toContain("Trial Advocacy Intensive");
      expect(part).toContain("Looking forward to");
      expect(part).toMatch(/expires on \w+ \d{1,2}, \d{4}/);
    }
    expect(mail.recipients).toEqual(["attorney1@firm.example"]);
  });

  it("opening the link never uses it; the page is no-referrer and no-store", async () => {
    const { path, token } = await inviteByAdmin("scanner@firm.example");
    for (let i = 0; i < 3; i++) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain("Create your account");
    }
    const data = await fetch(`${server.url}${path}.data`);
    expect(data.headers.get("referrer-policy")).toBe("no-referrer");
    const row = server.db.select().from(invitations).where(eq(invitations.email, "scanner@firm.example")).get()!;
    expect(row.uses).toBe(0);
    // Only the hash is stored, and the token carries 256 bits.
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("accepting creates the account with the invited address whatever the form sends, and tampering changes nothing", async () => {
    const { path } = await inviteByAdmin("maria@firm.example");
    const c = new Client(server.url);
    const res = await c.post(path, {
      intent: "create",
      name: "Maria Alvarez",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
      // Hostile extras: none of these may matter.
      email: "mallory@evil.example",
      seminarId: String(other.id),
      seminar: String(other.id),
      seminarRole: "instructor",
      role: "instructor",
      networkRole: "admin",
    });
    expect(res.status).toBe(302);
    expectLanding(res.headers.get("location"), seminar.slug);
    const u = server.db.select().from(users).where(eq(users.email, "maria@firm.example")).get()!;
    expect(u).toMatchObject({ name: "Maria Alvarez", role: "member", status: "active" });
    expect(server.db.select().from(users).where(eq(users.email, "mallory@evil.example")).get()).toBeUndefined();
    const ms = server.db.select().from(memberships).where(eq(memberships.userId, u.id)).all();
    expect(ms).toEqual([expect.objectContaining({ seminarId: seminar.id, role: "attendee" })]);
    // Signed in and inside the seminar.
    const page = await c.get(`/s/${seminar.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Trial Advocacy Intensive");
    expect((await c.get(`/s/${other.slug}`)).status).toBe(404);
  });

  it("password rules are enforced with the input kept", async () => {
    const { path } = await inviteByAdmin("weak@firm.example");
    const c = new Client(server.url);
    const short = await c.post(path, { intent: "create", name: "Wendy Weak", password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    const html = await short.text();
    expect(mainText(html)).toContain("Use at least 12 characters.");
    expect(html).toContain("Use at least 12 characters.");
    expect(html).toContain('value="Wendy Weak"');
    const common = await c.post(path, { intent: "create", name: "Wendy Weak", password: "password1234", confirm: "password1234" });
    expect(await common.text()).toContain("too common");
    const long = "x".repeat(60) + "y".repeat(69);
    expect(await (await c.post(path, { intent: "create", name: "W", password: long, confirm: long })).text()).toContain("at most 128");
    expect(server.db.select().from(users).where(eq(users.email, "weak@firm.example")).get()).toBeUndefined();
  });

  it("the same token redeemed many times at once yields one account and one membership", async () => {
    const { path } = await inviteByAdmin("race@firm.example");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        new Client(server.url).post(path, { intent: "create", name: `Racer ${i}`, password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(5);
    const accounts = server.db.select().from(users).where(eq(users.email, "race@firm.example")).all();
    expect(accounts).toHaveLength(1);
    expect(server.db.select().from(memberships).where(eq(memberships.userId, accounts[0]!.id)).all()).toHaveLength(1);
    const inv = server.db.select().from(invitations).where(eq(invitations.email, "race@firm.example")).get()!;
    expect(inv.uses).toBe(1);
  });

  it("used, expired, revoked and unknown links all get the same clear page with a way to ask again", async () => {
    const used = await inviteByAdmin("used@firm.example");
    expect((await new Client(server.url).post(used.path, { intent: "create", name: "Una Used", password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);
    const expired = await inviteByAdmin("expired@firm.example");
    server.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, "expired@firm.example")).run();
    const revoked = await inviteByAdmin("revoked@firm.example");
    const revokedRow = server.db.select().from(invitations).where(eq(invitations.email, "revoked@firm.example")).get()!;
    expect((await admin.post("/admin/invitations", { intent: "revoke", id: String(revokedRow.id) })).status).toBe(302);
    const unknown = "/invite/" + "A".repeat(43);

    const pages = await Promise.all([used.path, expired.path, revoked.path, unknown, "/invite/short"].map((p) => fetch(server.url + p)));
    const texts = await Promise.all(pages.map(async (r) => mainText(await r.text())));
    for (const [i, r] of pages.entries()) {
      expect(r.status).toBe(410);
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
      expect(texts[i]).toBe(texts[0]);
    }
    expect(texts[0]).toContain("This invitation link can't be used");
    expect(texts[0]).toContain("Ask for a new invitation");
    // Accepting through any of them fails the same way and creates nothing.
    for (const p of [expired.path, revoked.path]) {
      const r = await new Client(server.url).post(p, { intent: "create", name: "Late Comer", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      expect(r.status).toBe(410);
    }
    expect(server.db.select().from(users).where(eq(users.email, "expired@firm.example")).get()).toBeUndefined();

    // Asking for a new invitation answers the same for every token; an expired one tells its inviter.
    const answers = await Promise.all([used.path, expired.path, revoked.path, unknown].map((p) => new Client(server.url).post(p, { intent: "renew" })));
    const answerTexts = await Promise.all(answers.map(async (r) => mainText(await r.text())));
    for (const t of answerTexts) expect(t).toBe(answerTexts[0]);
    const note = await smtp.waitFor((m) => m.to === "grace@institute.example" && m.subject.includes("expired@firm.example"));
    expect(note.text).toContain("asked for a new one");
  });

  it("resend issues a new token and the old link dies", async () => {
    const first = await inviteByAdmin("resend@firm.example");
    const row = server.db.select().from(invitations).where(eq(invitations.email, "resend@firm.example")).get()!;
    // A day later (the quiet period keeps an address from getting a second invitation mail sooner; issue #21).
    server.db.update(invitationMails).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).run();
    smtp.clear();
    expect((await admin.post("/admin/invitations", { intent: "resend", id: String(row.id) })).status).toBe(302);
    const again = await smtp.waitFor((m) => m.to === "resend@firm.example");
    const newLink = again.links.find((l) => l.includes("/invite/"))!;
    expect(newLink).not.toBe(first.link);
    expect((await fetch(server.url + first.path)).status).toBe(410);
    expect((await fetch(newLink.replace(/^https?:\/\/[^/]+/, server.url))).status).toBe(200);
    const list = await (await admin.get("/admin/invitations?q=resend")).text();
    expect(list).toContain("resend@firm.example");
    expect(list).toContain("Pending");
  });

  it("an existing member signing in on the page just gains the membership", async () => {
    await createUser(server.db, { email: "existing@firm.example", name: "Eli Existing", password: PASSWORD });
    const { path } = await inviteByAdmin("existing@firm.example");
    const c = new Client(server.url);
    const page = await text(await c.get(path));
    expect(page).toContain("Sign in to accept");
    const wrong = await c.post(path, { intent: "signin", password: "not the password at all" });
    expect(wrong.status).toBe(400);
    const res = await c.post(path, { intent: "signin", password: PASSWORD, email: "someone-else@firm.example" });
    expect(res.status).toBe(302);
    expectLanding(res.headers.get("location"), seminar.slug);
    const u = server.db.select().from(users).where(eq(users.email, "existing@firm.example")).get()!;
    expect(server.db.select().from(memberships).where(and(eq(memberships.userId, u.id), eq(memberships.seminarId, seminar.id))).get()).toBeTruthy();
    expect(server.db.select().from(users).where(eq(users.email, "existing@firm.example")).all()).toHaveLength(1);
  });

  it("signed in as someone else: the invitation is not added to the wrong account", async () => {
    const { path } = await inviteByAdmin("intended@firm.example");
    const bystander = await createUser(server.db, { email: "bystander@firm.example", name: "Bo Bystander", password: PASSWORD });
    const c = new Client(server.url);
    await c.signIn("bystander@firm.example", PASSWORD);
    const page = await text(await c.get(path));
    expect(page).toContain("but this invitation is for intended@firm.example");
    const res = await c.post(path, { intent: "accept" });
    expect(res.status).toBe(400);
    expect(server.db.select().from(memberships).where(eq(memberships.userId, bystander.id)).all()).toEqual([]);
    expect(server.db.select().from(invitations).where(eq(invitations.email, "intended@firm.example")).get()!.uses).toBe(0);
  });

  it("a cross-site POST cannot redeem an invitation", async () => {
    const { path } = await inviteByAdmin("csrf@firm.example");
    const res = await fetch(server.url + path, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create", name: "Cross Site", password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    // An opaque origin (what a no-referrer page sends) passes only when the browser vouches it is same-origin.
    const opaque: Record<string, string>[] = [{ Origin: "null" }, { Origin: "null", "Sec-Fetch-Site": "cross-site" }];
    for (const headers of opaque) {
      const r = await fetch(server.url + path, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "create", name: "Cross Site", password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
        redirect: "manual",
      });
      expect(r.status).toBe(403);
    }
    expect(server.db.select().from(users).where(eq(users.email, "csrf@firm.example")).get()).toBeUndefined();
  });

  it("names and addresses cannot inject mail headers or recipients", async () => {
    const eve = await createUser(server.db, { email: "eve@institute.example", name: "Eve\r\nBcc: spy@evil.example\r\nX-Injected: yes", role: "admin", password: PASSWORD });
    void eve;
    const c = new Client(server.url);
    await c.signIn("eve@institute.example", PASSWORD);
    const bad = await c.post("/admin/invitations/new", { email: "victim@firm.example\r\nBcc: spy@evil.example", seminar: "", days: "14" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("valid email address");
    const ok = await c.post("/admin/invitations/new", { email: "victim@firm.example", name: "Vic\r\nCc: spy@evil.example", seminar: String(seminar.id), days: "14", message: "Hi\r\nBcc: spy@evil.example" });
    expect(ok.status).toBe(302);
    const m = await smtp.waitFor((m) => m.to === "victim@firm.example");
    expect(m.recipients).toEqual(["victim@firm.example"]);
    expect(m.subject).toBe("Eve Bcc: spy@evil.example X-Injected: yes invited you to “Trial Advocacy Intensive” on Colloquy");
    expect(m.headers.has("bcc")).toBe(false);
    expect(m.headers.has("cc")).toBe(false);
    expect(m.headers.has("x-injected")).toBe(false);
    expect(smtp.messages.some((x) => x.recipients.includes("spy@evil.example"))).toBe(false);
  });

  it("the audit log records invitations created, resent, revoked and redeemed, and admins can browse it", async () => {
    const actions = server.db.select({ action: auditLog.action }).from(auditLog).all().map((r) => r.action);
    for (const a of ["invitation.created", "invitation.resent", "invitation.revoked", "invitation.redeemed"]) expect(actions).toContain(a);
    const page = await (await admin.get("/admin/audit?action=invitation.")).text();
    expect(page).toContain("invitation.redeemed");
    expect(page).toContain("maria@firm.example");
  });
});

describe("instructors", () => {
  let instructor: Client;
  beforeAll(async () => {
    const u = await createUser(server.db, { email: "prof@institute.example", name: "Prof Instructor", password: PASSWORD });
    addMember(server.db, { seminarId: seminar.id, userId: u.id, role: "instructor" });
    instructor = new Client(server.url);
    await instructor.signIn("prof@institute.example", PASSWORD);
  });

  it("invite attendees to their own seminar only, and cannot raise the role", async () => {
    const res = await instructor.post(`/s/${seminar.slug}/invite`, {
      intent: "invite",
      email: "student@firm.example",
      name: "Stu Dent",
      days: "14",
      message: "Welcome aboard",
      seminarRole: "instructor",
      networkRole: "admin",
      seminarId: String(other.id),
    });
    expect(res.status).toBe(302);
    const m = await smtp.waitFor((m) => m.to === "student@firm.example");
    expect(m.subject).toContain("Prof Instructor invited you");
    const row = server.db.select().from(invitations).where(eq(invitations.email, "student@firm.example")).get()!;
    expect(row).toMatchObject({ seminarId: seminar.id, seminarRole: "attendee", networkRole: "member" });
    const page = await (await instructor.get(`/s/${seminar.slug}/invite`)).text();
    expect(page).toContain("student@firm.example");
    // Another seminar: the same 404 as a seminar that does not exist.
    expect((await instructor.get(`/s/${other.slug}/invite`)).status).toBe(404);
    expect((await instructor.post(`/s/${other.slug}/invite`, { email: "x@firm.example", days: "14" })).status).toBe(404);
    // Admin pages stay closed.
    expect((await instructor.get("/admin/invitations")).status).toBe(403);
  });

  it("cannot revoke invitations of another seminar by id", async () => {
    await admin.post("/admin/invitations/new", { email: "othersem@firm.example", seminar: String(other.id), days: "14" });
    const row = server.db.select().from(invitations).where(eq(invitations.email, "othersem@firm.example")).get()!;
    await instructor.post(`/s/${seminar.slug}/invite`, { intent: "revoke", id: String(row.id) });
    expect(server.db.select().from(invitations).where(eq(invitations.id, row.id)).get()!.revokedAt).toBeNull();
  });

  it("attendees get 403 on the invite page", async () => {
    const c = new Client(server.url);
    await c.signIn("maria@firm.example", NEW_PASSWORD);
    expect((await c.get(`/s/${seminar.slug}/invite`)).status).toBe(403);
  });
});

describe("bulk invitations", () => {
  it("the preview names every bad row; sending runs as a job with progress", async () => {
    const csv = [
      "email,name,role",
      "bulk1@firm.example,Bulk One,attendee",
      "not-an-address,Broken,attendee",
      "bulk2@firm.example,Bulk Two,",
      "BULK1@firm.example,Duplicate,attendee",
      "maria@firm.example,Already In,attendee",
      "bulk3@firm.example,Bulk Three,wizard",
      '"bulk4@firm.example","Four, with comma",instructor',
    ].join("\n");
    const preview = await admin.post("/admin/invitations/bulk", { intent: "preview", csv, seminar: String(seminar.id), message: "", days: "14" });
    expect(preview.status).toBe(200);
    const html = await text(preview);
    expect(html).toContain("3 of 7 rows can be invited");
    expect(html).toMatch(/not-an-address[\s\S]*?not a valid email address/);
    expect(html).toContain("duplicate of line 2");
    expect(html).toMatch(/maria@firm.example[\s\S]*?is already a member of this seminar/);
    expect(html).toContain("unknown role “wizard”");
    expect(server.db.select().from(invitations).where(eq(invitations.email, "bulk1@firm.example")).get()).toBeUndefined();

    const send = await admin.post("/admin/invitations/bulk", { intent: "send", csv, seminar: String(seminar.id), message: "See you there", days: "14" });
    expect(send.status).toBe(302);
    const batch = send.headers.get("location")!;
    expect(batch).toMatch(/^\/admin\/invitations\/batches\/\d+$/);
    await expect.poll(async () => (await text(await admin.get(batch))).includes("Finished"), { timeout: 10_000 }).toBe(true);
    expect(await text(await admin.get(batch))).toContain("3 of 3 processed (100%): 3 invited");
    for (const e of ["bulk1@firm.example", "bulk2@firm.example", "bulk4@firm.example"]) await smtp.waitFor((m) => m.to === e);
    expect(server.db.select().from(invitations).where(eq(invitations.email, "bulk4@firm.example")).get()).toMatchObject({ name: "Four, with comma", seminarRole: "instructor" });
  });

  it("a large batch shows progress while it runs", async () => {
    const csv = Array.from({ length: 150 }, (_, i) => `big${i}@class.example,Big ${i},attendee`).join("\n");
    const send = await admin.post("/admin/invitations/bulk", { intent: "send", csv, seminar: String(seminar.id), message: "", days: "14" });
    const batch = send.headers.get("location")!;
    await expect.poll(async () => (await text(await admin.get(batch))).includes("150 of 150 processed"), { timeout: 20_000 }).toBe(true);
    expect(server.db.select().from(invitations).where(eq(invitations.batchId, Number(batch.split("/").pop()))).all()).toHaveLength(150);
    // Every one of them is mailed.
    await expect.poll(() => smtp.messages.filter((m) => m.to.endsWith("@class.example")).length, { timeout: 30_000 }).toBe(150);
  });
});

describe("invite links", () => {
  it("a link with a required domain and a use limit sends personal invitations, then stops", async () => {
    const res = await admin.post("/admin/invitations/links", { label: "Smith & Partners", seminar: String(seminar.id), seminarRole: "attendee", maxUses: "2", days: "7", domain: "@SmithPartners.example" });
    expect(res.status).toBe(200);
    const html = await res.text();
    const url = /value="(http[^"]+\/invite\/[^"]+)"/.exec(html)![1]!;
    const path = new URL(url).pathname;
    const c = new Client(server.url);
    expect(await text(await c.get(path))).toContain("an address at @smithpartners.example");
    const wrong = await c.post(path, { intent: "request", email: "someone@gmail.example" });
    expect(wrong.status).toBe(400);
    expect(await text(wrong)).toContain("Use your address at @smithpartners.example");

    const ok = await c.post(path, { intent: "request", email: "anna@smithpartners.example" });
    expect(ok.status).toBe(200);
    expect(await text(ok)).toContain("We've sent a personal invitation link to anna@smithpartners.example");
    const m = await smtp.waitFor((m) => m.to === "anna@smithpartners.example");
    const personal = new URL(m.links.find((l) => l.includes("/invite/"))!).pathname;
    // Asking again at once sends nothing more: the address is in its quiet period (issue #21), and the answer is the same.
    const soon = await c.post(path, { intent: "request", email: "anna@smithpartners.example" });
    expect(await text(soon)).toContain("We've sent a personal invitation link to anna@smithpartners.example");
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((x) => x.to === "anna@smithpartners.example").length).toBe(1);
    // A day later, asking again re-sends without another use.
    server.db.update(invitationMails).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).run();
    await c.post(path, { intent: "request", email: "anna@smithpartners.example" });
    const accept = await new Client(server.url).post(personal, { intent: "create", name: "Anna Smith", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(accept.status).toBe(410); // the first personal link was replaced by the re-sent one
    await expect.poll(() => smtp.messages.filter((x) => x.to === "anna@smithpartners.example").length).toBe(2);
    const latest = smtp.messages.filter((x) => x.to === "anna@smithpartners.example").pop()!;
    const personal2 = new URL(latest.links.find((l) => l.includes("/invite/"))!).pathname;
    expect((await new Client(server.url).post(personal2, { intent: "create", name: "Anna Smith", password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);

    await c.post(path, { intent: "request", email: "ben@smithpartners.example" });
    await smtp.waitFor((m) => m.to === "ben@smithpartners.example");
    // Two uses taken: the link is used up and shows the clear page.
    expect((await fetch(server.url + path)).status).toBe(410);
    const listing = await text(await admin.get("/admin/invitations/links"));
    expect(listing).toContain("2 of 2");
    expect(listing).toContain("Used up");
  });

  it("a revoked link stops working at once", async () => {
    const res = await admin.post("/admin/invitations/links", { label: "Class of 2027", seminar: "", maxUses: "50", days: "30", domain: "" });
    const url = /value="(http[^"]+\/invite\/[^"]+)"/.exec(await res.text())![1]!;
    const path = new URL(url).pathname;
    expect((await fetch(server.url + path)).status).toBe(200);
    const row = server.db.select().from(invitations).where(eq(invitations.label, "Class of 2027")).get()!;
    await admin.post("/admin/invitations/links", { intent: "revoke", id: String(row.id) });
    expect((await fetch(server.url + path)).status).toBe(410);
  });
});
