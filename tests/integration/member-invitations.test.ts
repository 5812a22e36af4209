// Issue #19: members invite colleagues, over real HTTP against the production build, with mail through a real SMTP
// server on loopback: the quota (also under parallel posts), approval, allowed domains, the off switch, the answer
// for an address that already has an account, attribution, and staff-only pages.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/factories";
import { auditLog, invitationOptOuts, invitations, memberInvitations, notifications, outbox, users } from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";
import { mainText } from "../helpers/html";

const PASSWORD = "a long enough password 1";
const NEW_PASSWORD = "violet kettle harbour lamp";

let server: TestServer;
let smtp: TestSmtp;
let admin: Client;
let adminId: number;
const members = new Map<string, { client: Client; id: number }>();

/** One signed-in client per member for the whole file (the sign-in throttle counts per client address). */
async function member(name: string) {
  const known = members.get(name);
  if (known) return known;
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@members.example`;
  const u = await createUser(server.db, { email, name, password: PASSWORD });
  const client = new Client(server.url);
  await client.signIn(email, PASSWORD);
  const m = { client, id: u.id };
  members.set(name, m);
  return m;
}

async function settings(s: { enabled?: boolean; requireApproval?: boolean; allowedDomains?: string; monthlyQuota?: number } = {}) {
  const form: Record<string, string> = { intent: "settings", allowedDomains: s.allowedDomains ?? "", monthlyQuota: String(s.monthlyQuota ?? 5) };
  if (s.enabled ?? true) form.enabled = "on";
  if (s.requireApproval) form.requireApproval = "on";
  const res = await admin.post("/admin/invitations/members", form);
  expect(res.status, await res.clone().text()).toBe(302);
}

function invite(c: Client, email: string, extra: Record<string, string> = {}) {
  return c.post("/account/invitations", { intent: "invite", email, name: "", message: "", ...extra });
}

/** Follows the redirect after a post and returns the page's main text (where the flash message shows). */
async function landing(c: Client, res: Response) {
  expect(res.status).toBe(302);
  return mainText(await (await c.get(res.headers.get("location")!)).text());
}

const rowFor = (email: string) => server.db.select().from(invitations).where(eq(invitations.email, email)).get();
const mailQueuedTo = (email: string) => server.db.select().from(outbox).where(eq(outbox.toAddress, email)).all().length;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ label: "member-invitations", env: { SMTP_URL: smtp.url } });
  adminId = (await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: PASSWORD })).id;
  admin = new Client(server.url);
  await admin.signIn("grace@institute.example", PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("a member invites a colleague", () => {
  it("the invitation is mailed with the member's note, and the page shows it and the quota left", async () => {
    await settings({ monthlyQuota: 5 });
    const { client, id } = await member("Mia Member");
    const before = mainText(await (await client.get("/account/invitations")).text());
    expect(before).toContain("5 of 5 invitations left this month");
    const res = await invite(client, "colleague1@firm.example", { name: "Cole League", message: "Join us, the Q&A is great." });
    expect(await landing(client, res)).toContain("Your invitation to colleague1@firm.example is on its way.");
    const mail = await smtp.waitFor((m) => m.to === "colleague1@firm.example");
    expect(mail.text).toContain("Join us, the Q&A is great.");
    expect(mail.text).toContain("Mia Member");
    const row = rowFor("colleague1@firm.example")!;
    expect(row).toMatchObject({ source: "member", invitedById: id, seminarId: null, networkRole: "member" });
    const page = mainText(await (await client.get("/account/invitations")).text());
    expect(page).toContain("4 of 5 invitations left this month");
    expect(page).toMatch(/Cole League · colleague1@firm\.example Sent/);
  });

  it("beyond the quota the member is refused with a clear message, and nothing is created", async () => {
    await settings({ monthlyQuota: 2 });
    const { client } = await member("Quinn Quota");
    expect((await invite(client, "q1@firm.example")).status).toBe(302);
    expect((await invite(client, "q2@firm.example")).status).toBe(302);
    const refused = await invite(client, "q3@firm.example");
    expect(refused.status).toBe(400);
    expect(mainText(await refused.text())).toMatch(/You have used all 2 of your invitations for \w+ \d{4}\. New ones become available on \w+ 1, \d{4}\./);
    expect(rowFor("q3@firm.example")).toBeUndefined();
    // Withdrawing a sent invitation does not give it back (it was mailed).
    const q1 = rowFor("q1@firm.example")!;
    expect(await landing(client, await client.post("/account/invitations", { intent: "revoke", id: String(q1.id) }))).toContain("The invitation was withdrawn");
    expect(rowFor("q1@firm.example")!.revokedAt).not.toBeNull();
    expect((await invite(client, "q3@firm.example")).status).toBe(400);
  });

  it("parallel invitations cannot overrun the quota", async () => {
    await settings({ monthlyQuota: 3 });
    const { client, id } = await member("Pat Parallel");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => invite(client, `par${i}@firm.example`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 302, 302, 400, 400, 400, 400, 400]);
    expect(server.db.select().from(memberInvitations).where(eq(memberInvitations.inviterId, id)).all()).toHaveLength(3);
  });

  it("a member cannot withdraw somebody else's invitation", async () => {
    await settings({ monthlyQuota: 5 });
    const mia = await member("Mia Member");
    const other = await member("Otto Other");
    const row = rowFor("colleague1@firm.example")!;
    const page = await landing(other.client, await other.client.post("/account/invitations", { intent: "revoke", id: String(row.id) }));
    expect(page).toContain("That invitation can no longer be changed.");
    expect(rowFor("colleague1@firm.example")!.revokedAt).toBeNull();
    expect(mia.id).not.toBe(other.id);
  });
});

describe("an address that already has an account", () => {
  it("gets the same answer as a fresh address, and the invitation joins that account as today", async () => {
    await settings({ monthlyQuota: 10 });
    const { client, id } = await member("Nora Nondisclosure");
    const existing = await createUser(server.db, { email: "already@firm.example", name: "Al Ready" });
    const fresh = await invite(client, "brandnew@firm.example", { message: "Hello" });
    const a = await landing(client, fresh);
    const known = await invite(client, "already@firm.example", { message: "Hello" });
    expect(known.status).toBe(fresh.status);
    const b = await landing(client, known);
    // The same words (but for the address), and both listed as sent.
    expect(a).toContain("Your invitation to brandnew@firm.example is on its way.");
    expect(b).toContain("Your invitation to already@firm.example is on its way.");
    expect(b).toContain("8 of 10 invitations left this month");
    expect(b).toMatch(/already@firm\.example Sent/);
    expect(b).toMatch(/brandnew@firm\.example Sent/);
    expect(rowFor("already@firm.example")).toMatchObject({ source: "member", invitedById: id });
    // It is mailed like any other; accepting it signs into the existing account.
    const mail = await smtp.waitFor((m) => m.to === "already@firm.example");
    expect(mail.subject).toMatch(/invited you/);
    expect(existing.id).toBeGreaterThan(0);
  });

  it("an address that declined invitations gets the same answer too, but no mail", async () => {
    const { client } = await member("Nora Nondisclosure");
    server.db.insert(invitationOptOuts).values({ emailHash: createHash("sha256").update("declined@firm.example").digest("hex") }).run();
    const res = await invite(client, "declined@firm.example");
    const page = await landing(client, res);
    expect(page).toContain("Your invitation to declined@firm.example is on its way.");
    expect(page).toMatch(/declined@firm\.example Sent/);
    expect(mailQueuedTo("declined@firm.example")).toBe(0);
    expect(server.db.select().from(memberInvitations).where(eq(memberInvitations.invitationId, rowFor("declined@firm.example")!.id)).get()?.heldReason).toContain(
      "asked not to receive invitations",
    );
    // Staff see why it was not mailed.
    expect(mainText(await (await admin.get("/admin/invitations/members")).text())).toMatch(/declined@firm\.example, from Nora Nondisclosure on .*has asked not to receive invitations/);
  });

  it("a member cannot invite to a seminar: hostile seminar fields are ignored", async () => {
    const { client } = await member("Nora Nondisclosure");
    const res = await invite(client, "seminarless@firm.example", { seminar: "1", seminarId: "1", seminarRole: "instructor", networkRole: "admin" });
    expect(res.status).toBe(302);
    expect(rowFor("seminarless@firm.example")).toMatchObject({ seminarId: null, seminarRole: null, networkRole: "member", source: "member" });
  });
});

describe("staff settings", () => {
  it("restrict member invitations to certain email domains", async () => {
    await settings({ allowedDomains: "firm.example\nPartner.example" });
    const { client } = await member("Dora Domain");
    const refused = await invite(client, "someone@elsewhere.example");
    expect(refused.status).toBe(400);
    expect(mainText(await refused.text())).toContain("You can invite colleagues at firm.example, partner.example only.");
    expect(rowFor("someone@elsewhere.example")).toBeUndefined();
    expect((await invite(client, "someone@partner.example")).status).toBe(302);
    const bad = await admin.post("/admin/invitations/members", { intent: "settings", enabled: "on", allowedDomains: "not a domain!", monthlyQuota: "5" });
    expect(bad.status).toBe(400);
    expect(mainText(await bad.text())).toContain("Enter domains like firm.com, one a line.");
  });

  it("turn member invitations off", async () => {
    await settings({ enabled: false });
    const { client } = await member("Olga Off");
    const page = mainText(await (await client.get("/account/invitations")).text());
    expect(page).toContain("Member invitations are turned off at the moment.");
    const refused = await invite(client, "off@firm.example");
    expect(refused.status).toBe(400);
    expect(rowFor("off@firm.example")).toBeUndefined();
    await settings({});
    expect((await invite(client, "off@firm.example")).status).toBe(302);
  });

  it("require approval: nothing is mailed until staff approve; staff are told; a declined one is given back", async () => {
    await settings({ requireApproval: true, monthlyQuota: 2 });
    const { client, id } = await member("Abe Approval");
    expect(await landing(client, await invite(client, "wait1@firm.example", { message: "Please approve me" }))).toContain(
      "Your invitation to wait1@firm.example waits for the institute's approval",
    );
    expect(await landing(client, await invite(client, "wait2@firm.example"))).toContain("waits for the institute's approval");
    expect(mailQueuedTo("wait1@firm.example")).toBe(0);
    expect(mainText(await (await client.get("/account/invitations")).text())).toMatch(/wait1@firm\.example Awaiting approval/);
    // Staff hear of it through their notifications.
    const note = server.db.select().from(notifications).where(and(eq(notifications.userId, adminId), eq(notifications.event, "invitation.awaiting-approval"))).all();
    expect(note.map((n) => n.summary)).toContain("Abe Approval would like to invite wait1@firm.example; the invitation waits for your approval");
    const queue = mainText(await (await admin.get("/admin/invitations/members")).text());
    expect(queue).toContain("wait1@firm.example");
    expect(queue).toContain("Please approve me");
    // Approve one: the mail goes out now, with a link that works.
    const w1 = rowFor("wait1@firm.example")!;
    expect((await admin.post("/admin/invitations/members", { intent: "approve", id: String(w1.id) })).status).toBe(302);
    const mail = await smtp.waitFor((m) => m.to === "wait1@firm.example");
    const link = mail.links.find((l) => l.includes("/invite/"))!;
    expect((await new Client(server.url).get(new URL(link).pathname)).status).toBe(200);
    // Decline the other: the member sees it, and it no longer counts against the quota.
    const w2 = rowFor("wait2@firm.example")!;
    expect((await admin.post("/admin/invitations/members", { intent: "decline", id: String(w2.id) })).status).toBe(302);
    const page = mainText(await (await client.get("/account/invitations")).text());
    expect(page).toMatch(/wait2@firm\.example Declined by staff/);
    expect(page).toContain("1 of 2 invitations left this month");
    expect(mailQueuedTo("wait2@firm.example")).toBe(0);
    // Withdrawing one that awaits approval gives it back too.
    await invite(client, "wait3@firm.example");
    expect(mainText(await (await client.get("/account/invitations")).text())).toContain("0 of 2 invitations left this month");
    await client.post("/account/invitations", { intent: "revoke", id: String(rowFor("wait3@firm.example")!.id) });
    expect(mainText(await (await client.get("/account/invitations")).text())).toMatch(/wait3@firm\.example Withdrawn.*1 of 2|1 of 2.*wait3@firm\.example Withdrawn/);
    expect((await admin.post("/admin/invitations/members", { intent: "approve", id: String(rowFor("wait3@firm.example")!.id) })).status).toBe(302);
    expect(mailQueuedTo("wait3@firm.example")).toBe(0);
    const actions = server.db.select({ action: auditLog.action }).from(auditLog).all().map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["member-invitations.settings-changed", "invitation.approved", "invitation.declined-by-staff"]));
    expect(id).toBeGreaterThan(0);
    await settings({});
  });

  it("are staff-only: a plain member gets 404 on the page and on a post", async () => {
    const { client } = await member("Mia Member");
    expect((await client.get("/admin/invitations/members")).status).toBe(404);
    expect((await client.get("/admin/invitations/members.data")).status).toBe(404);
    expect((await client.post("/admin/invitations/members", { intent: "settings", enabled: "on", monthlyQuota: "100" })).status).toBe(404);
    expect((await new Client(server.url).get("/admin/invitations/members")).status).toBe(302);
  });
});

describe("attribution", () => {
  it("the colleague accepts; the inviter is told and sees it; staff (only) see who invited them on the profile", async () => {
    await settings({ monthlyQuota: 10 });
    const mia = await member("Mia Member");
    expect((await invite(mia.client, "joiner@firm.example")).status).toBe(302);
    const mail = await smtp.waitFor((m) => m.to === "joiner@firm.example");
    const path = new URL(mail.links.find((l) => l.includes("/invite/"))!).pathname;
    const newcomer = new Client(server.url);
    const res = await newcomer.post(path, { intent: "create", name: "Jo Joiner", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(302);
    const jo = server.db.select().from(users).where(eq(users.email, "joiner@firm.example")).get()!;
    expect(rowFor("joiner@firm.example")).toMatchObject({ invitedById: mia.id, acceptedUserId: jo.id });
    // The inviter is told (notification and, by default, mail at once) and sees it on their page.
    const told = server.db.select().from(notifications).where(and(eq(notifications.userId, mia.id), eq(notifications.event, "invitation.accepted"))).all();
    expect(told.map((n) => n.summary)).toEqual(["Jo Joiner accepted your invitation and joined Colloquy"]);
    expect(mainText(await (await mia.client.get("/account/invitations")).text())).toMatch(/joiner@firm\.example Accepted by Jo Joiner/);
    // Staff see the attribution on the new member's profile; members do not.
    const staffView = mainText(await (await admin.get(`/people/${jo.id}`)).text());
    expect(staffView).toMatch(/Invited by Mia Member \(member invitation, \w{3} \d{1,2}, \d{4}\)/);
    const other = await member("Otto Other");
    expect(mainText(await (await other.client.get(`/people/${jo.id}`)).text())).not.toContain("Invited by");
    expect(mainText(await (await mia.client.get(`/people/${jo.id}`)).text())).not.toContain("Invited by");
  });
});
