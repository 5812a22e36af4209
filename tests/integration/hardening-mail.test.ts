// Issue #21, against the production build with a real SMTP server on loopback: delivered mail keeps no body (so no
// live link sits in the database), reset links die on time, on use and on a password change, and invitation mail
// has limits: per-sender daily caps set by staff, a quiet period per address, and one-click decline.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { invitationMails, invitations, outbox, passwordResets } from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";
import { mainText } from "../helpers/html";

const PASSWORD = "a long enough password 1";
const NEW_PASSWORD = "violet kettle harbour lamp";

let server: TestServer;
let smtp: TestSmtp;
let admin: Client;
let instructor: Client;
let slug: string;


const text = async (res: Response) => mainText(await res.text());

async function until<T>(fn: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ label: "hardening-mail", env: { SMTP_URL: smtp.url } });
  await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: PASSWORD });
  const ivy = await createUser(server.db, { email: "ivy@institute.example", name: "Ivy Instructor", password: PASSWORD });
  await createUser(server.db, { email: "rita@firm.example", name: "Rita Reset", password: PASSWORD });
  const seminar = createSeminar(server.db, { title: "Evidence Workshop", slug: "evidence" });
  addMember(server.db, { seminarId: seminar.id, userId: ivy.id, role: "instructor" });
  slug = seminar.slug;
  admin = new Client(server.url);
  await admin.signIn("grace@institute.example", PASSWORD);
  instructor = new Client(server.url);
  await instructor.signIn("ivy@institute.example", PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

const invite = (c: Client, email: string, message = "") => c.post(`/s/${slug}/invite`, { intent: "invite", email, name: "", message, days: "14" });

describe("mail at rest (issue #21)", () => {
  it("a delivered invitation keeps recipient, subject, kind and times, but not its body or link", async () => {
    expect((await invite(admin, "body@firm.example")).status).toBe(302);
    const m = await smtp.waitFor((m) => m.to === "body@firm.example");
    const token = new URL(m.links.find((l) => l.includes("/invite/"))!).pathname.split("/").pop()!;
    const row = await until(() => server.db.select().from(outbox).where(and(eq(outbox.toAddress, "body@firm.example"), eq(outbox.status, "sent"))).get(), "sent row");
    expect(row.subject).toBe(m.subject);
    expect(row.kind).toBe("invitation");
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.text).toBe("");
    expect(row.html).toBeNull();
    // The raw token is nowhere in the database file's outbox.
    const dump = JSON.stringify(server.db.select().from(outbox).all());
    expect(dump).not.toContain(token);
    // The admin's log still lists it.
    const log = await text(await admin.get("/admin/mail"));
    expect(log).toContain("body@firm.example");
    expect(log).toContain("its text, with any links in it, is deleted");
  });

  it("a message that fails for good keeps no body either", async () => {
    smtp.failNext(1, 550);
    await new Client(server.url).post("/forgot-password", { email: "rita@firm.example" });
    const row = await until(() => server.db.select().from(outbox).where(and(eq(outbox.toAddress, "rita@firm.example"), eq(outbox.status, "failed"))).get(), "failed row");
    expect(row.subject).toBe("Reset your Colloquy password");
    expect(row.text).toBe("");
    expect(row.html).toBeNull();
  });
});

describe("reset links (issue #21)", () => {
  async function requestReset(email: string) {
    smtp.clear();
    const res = await new Client(server.url).post("/forgot-password", { email });
    expect(res.status).toBe(200);
    const m = await smtp.waitFor((m) => m.to === email && m.subject === "Reset your Colloquy password");
    return new URL(m.links.find((l) => l.includes("/reset-password/"))!).pathname;
  }

  it("expire within an hour, die when used, and die when the password is changed", async () => {
    const user = await createUser(server.db, { email: "lee@firm.example", name: "Lee Link", password: PASSWORD });
    // Within the hour: usable. Past it: dead.
    const first = await requestReset("lee@firm.example");
    expect((await fetch(server.url + first)).status).toBe(200);
    const row = server.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id)).all().at(-1)!;
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    server.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.tokenHash, row.tokenHash)).run();
    expect((await fetch(server.url + first)).status).toBe(410);

    // Used once: dead.
    const second = await requestReset("lee@firm.example");
    const c = new Client(server.url);
    expect((await c.post(second, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(302);
    expect((await fetch(server.url + second)).status).toBe(410);
    expect((await new Client(server.url).post(second, { password: "another fine long password", confirm: "another fine long password" })).status).toBe(410);

    // Requested, then the password changed on the account page: the link dies.
    const third = await requestReset("lee@firm.example");
    const res = await c.post("/account", { intent: "password", current: NEW_PASSWORD, password: "a third long password here", confirm: "a third long password here" });
    expect(res.status).toBe(302);
    expect((await fetch(server.url + third)).status).toBe(410);
    const late = await new Client(server.url).post(third, { password: "attacker chosen password", confirm: "attacker chosen password" });
    expect(late.status).toBe(410);
    expect((await new Client(server.url).post("/login", { email: "lee@firm.example", password: "a third long password here" })).status).toBe(302);
  });
});

describe("invitation limits (issue #21)", () => {
  it("staff set the limits; bad values are explained beside their fields and nothing is saved", async () => {
    const page = await text(await admin.get("/admin/invitations/limits"));
    expect(page).toContain("Invitations an instructor may send in 24 hours");
    const bad = await admin.post("/admin/invitations/limits", { memberDaily: "0", adminDaily: "2", quietHours: "lots" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("At least 1.");
    expect(html).toContain("Enter the quiet period as a number.");
    expect(html).toContain('value="lots"');
    expect(await (await admin.get("/admin/invitations/limits")).text()).toContain('value="25"');
    const lower = await admin.post("/admin/invitations/limits", { memberDaily: "10", adminDaily: "5", quietHours: "24" });
    expect(lower.status).toBe(400);
    expect(await lower.text()).toContain("Admins&#x27; limit must be at least the instructors&#x27; limit.");
    const ok = await admin.post("/admin/invitations/limits", { memberDaily: "3", adminDaily: "8", quietHours: "24" });
    expect(ok.status).toBe(302);
    expect(await (await admin.get("/admin/invitations/limits")).text()).toContain('value="3"');
  });

  it("an instructor's daily cap holds when many invitations are sent at the same moment", async () => {
    const before = server.db.select().from(invitationMails).all().length;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => invite(instructor, `burst${i}@firm.example`, "Join us")));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 302).length).toBe(3);
    expect(statuses.filter((s) => s === 400).length).toBe(5);
    const refused = await answers.find((r) => r.status === 400)!.text();
    expect(refused).toContain("You have sent 3 invitations in the last 24 hours, the most allowed (3 a day).");
    expect(refused).toContain("Join us");
    expect(server.db.select().from(invitationMails).all().length - before).toBe(3);
    const queued = server.db.select().from(outbox).all().filter((m) => m.toAddress.startsWith("burst"));
    expect(queued.length).toBe(3);
    await expect.poll(() => smtp.messages.filter((m) => m.to.startsWith("burst")).length).toBe(3);
    // An admin's limit is higher.
    for (const e of ["adm1@firm.example", "adm2@firm.example", "adm3@firm.example", "adm4@firm.example"]) {
      expect((await invite(admin, e)).status).toBe(302);
    }
  });

  it("an address gets no second invitation mail within the quiet period: not by re-inviting, not by resending", async () => {
    server.db.delete(invitationMails).run();
    expect((await invite(instructor, "quiet@firm.example")).status).toBe(302);
    await smtp.waitFor((m) => m.to === "quiet@firm.example");
    const row = server.db.select().from(invitations).where(eq(invitations.email, "quiet@firm.example")).get()!;
    smtp.clear();
    for (let i = 0; i < 4; i++) {
      const res = await instructor.post(`/s/${slug}/invite`, { intent: "resend", id: String(row.id) });
      expect(res.status).toBe(302);
    }
    const page = await text(await instructor.get(`/s/${slug}/invite`));
    expect(page).toContain("quiet@firm.example was sent an invitation less than 24 hours ago");
    // Revoked and invited again: still quiet.
    await instructor.post(`/s/${slug}/invite`, { intent: "revoke", id: String(row.id) });
    const again = await invite(instructor, "quiet@firm.example");
    expect(again.status).toBe(400);
    expect(await text(again)).toContain("quiet@firm.example was sent an invitation less than 24 hours ago");
    // Another sender, too.
    expect((await admin.post("/admin/invitations/new", { email: "quiet@firm.example", name: "", seminar: "", seminarRole: "attendee", networkRole: "member", message: "", days: "14" })).status).toBe(400);
    // Nothing more was queued for the address: only the first invitation's mail exists.
    expect(server.db.select().from(outbox).where(eq(outbox.toAddress, "quiet@firm.example")).all()).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to === "quiet@firm.example")).toEqual([]);
    // The original link still works (resending did not rotate it without a mail).
    expect(server.db.select().from(invitations).where(eq(invitations.id, row.id)).get()!.tokenHash).toBe(row.tokenHash);
  });

  it("the recipient declines with one click from the mail; pending invitations die and no more are sent", async () => {
    server.db.delete(invitationMails).run();
    expect((await invite(admin, "no-thanks@firm.example")).status).toBe(302);
    const m = await smtp.waitFor((m) => m.to === "no-thanks@firm.example");
    const accept = new URL(m.links.find((l) => l.includes("/invite/") && !l.endsWith("/decline"))!).pathname;
    const decline = new URL(m.links.find((l) => l.endsWith("/decline"))!).pathname;
    expect(m.html).toContain(`${decline}"`);
    // Opening the link (a mail scanner) changes nothing.
    const page = await fetch(server.url + decline);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const pageText = await text(page);
    expect(pageText).toContain("no-thanks@firm.example");
    expect((await fetch(server.url + accept)).status).toBe(200);
    // One click.
    const visitor = new Client(server.url);
    const done = await visitor.post(decline, { intent: "decline" });
    expect(done.status).toBe(200);
    expect(await text(done)).toContain("Colloquy will send no more invitations to no-thanks@firm.example");
    expect((await fetch(server.url + accept)).status).toBe(410);
    // Nobody can invite the address now, even after the quiet period.
    server.db.delete(invitationMails).run();
    const refused = await invite(instructor, "no-thanks@firm.example");
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain("no-thanks@firm.example has asked not to receive invitations from Colloquy");
    // The same page undoes it.
    const undo = await visitor.post(decline, { intent: "allow" });
    expect(await text(undo)).toContain("Invitations may reach no-thanks@firm.example again.");
    expect((await invite(admin, "no-thanks@firm.example")).status).toBe(302);
    // A made-up token shows nothing.
    expect((await fetch(`${server.url}/invite/${"B".repeat(43)}/decline`)).status).toBe(404);
  });
});
