// Issue #15: direct messages and keeping the community safe. In process: who may message whom, blocks, unread
// counts, mute and leave, the 1 MB refusal, rate limits, the unread-message notice (never the text), and reports
// through to hidden items. Over HTTP against the production build: outsiders get 404 (page and .data), a too-long
// reply keeps the draft, a new message arrives live on /events, and the moderation queue is staff/instructor only.
import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { db } from "~/models/db.server";
import { canSee, summarizeVisible } from "~/models/items.server";
import { leaveConversation, MESSAGE_LIMITS, sendMessage, setMuted, startConversation } from "~/models/message-sending.server";
import { saveMessageSettings, setBlocked } from "~/models/message-settings.server";
import { getConversation, listInbox, listMessages, markConversationRead, unreadConversationCount } from "~/models/messages.server";
import { decideReport, fileReport, getReport, listReports } from "~/models/moderation.server";
import { sendUnreadMessageNotices } from "~/services/messages-tasks.server";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "a long enough password 1";
type U = Awaited<ReturnType<typeof createUser>>;
const viewer = (u: U) => ({ id: u.id, role: u.role });
const mailsTo = (email: string) => db().select().from(schema.outbox).where(eq(schema.outbox.toAddress, email)).all();

let ada: U, bob: U, cyd: U, stranger: U, teacher: U, admin: U;
let seminarId: number;

beforeAll(async () => {
  [ada, bob, cyd, stranger, teacher, admin] = await Promise.all([
    createUser(db(), { name: "Ada Lovelace", email: "ada@example.com" }),
    createUser(db(), { name: "Bob Marley", email: "bob@example.com" }),
    createUser(db(), { name: "Cyd Charisse", email: "cyd@example.com" }),
    createUser(db(), { name: "Sam Stranger", email: "sam@example.com" }),
    createUser(db(), { name: "Tess Teacher", email: "tess@example.com" }),
    createUser(db(), { name: "Staff Person", email: "staff@example.com", role: "admin" }),
  ]);
  const s = createSeminar(db(), { title: "Privacy Law" });
  seminarId = s.id;
  for (const u of [ada, bob, cyd]) addMember(db(), { seminarId, userId: u.id });
  addMember(db(), { seminarId, userId: teacher.id, role: "instructor" });
});

describe("who may message whom", () => {
  it("follows the recipient's choice and block list, and never says which one refused", () => {
    saveMessageSettings({ userId: bob.id, whoMayMessage: "seminars", unreadMailMinutes: 60 });
    saveMessageSettings({ userId: cyd.id, whoMayMessage: "instructors", unreadMailMinutes: 60 });
    // A classmate may write to Bob; a stranger may not.
    expect(startConversation({ sender: viewer(ada), recipientIds: [bob.id], bodyMd: "Hello Bob" }).ok).toBe(true);
    const refused = startConversation({ sender: viewer(stranger), recipientIds: [bob.id], bodyMd: "Hi" });
    expect(refused).toMatchObject({ ok: false, error: "Bob Marley does not accept messages from you." });
    // Cyd takes instructors and staff only.
    expect(startConversation({ sender: viewer(ada), recipientIds: [cyd.id], bodyMd: "Hi" }).ok).toBe(false);
    expect(startConversation({ sender: viewer(teacher), recipientIds: [cyd.id], bodyMd: "About your paper" }).ok).toBe(true);
    expect(startConversation({ sender: viewer(admin), recipientIds: [cyd.id], bodyMd: "From the institute" }).ok).toBe(true);
    // A block reads exactly like a refusal by choice.
    setBlocked({ userId: ada.id, otherId: stranger.id, blocked: true });
    expect(startConversation({ sender: viewer(stranger), recipientIds: [ada.id], bodyMd: "Hi" })).toMatchObject({
      ok: false,
      error: "Ada Lovelace does not accept messages from you.",
    });
    saveMessageSettings({ userId: ada.id, whoMayMessage: "nobody", unreadMailMinutes: 60 });
    expect(startConversation({ sender: viewer(teacher), recipientIds: [ada.id], bodyMd: "Hi" }).ok).toBe(false);
    saveMessageSettings({ userId: ada.id, whoMayMessage: "network", unreadMailMinutes: 15 });
  });

  it("limits a conversation to 20 people", async () => {
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(db(), { name: `Crowd ${i}`, email: `crowd${i}@example.com` })));
    const r = startConversation({ sender: viewer(ada), recipientIds: many.map((u) => u.id), bodyMd: "Hi all" });
    expect(r).toMatchObject({ ok: false, error: "A conversation can have at most 20 people, you included." });
    expect(startConversation({ sender: viewer(ada), recipientIds: many.slice(0, 19).map((u) => u.id), title: "Study group", bodyMd: "Hi all" }).ok).toBe(true);
  });
});

describe("conversations", () => {
  it("continues a one-to-one conversation, counts unread, and honours mute, leave and blocks", () => {
    const first = startConversation({ sender: viewer(ada), recipientIds: [bob.id], bodyMd: "Are you coming **Tuesday**?" });
    if (!first.ok) throw new Error(first.error);
    const convo = first.conversationId;
    expect(unreadConversationCount({ userId: bob.id })).toBe(1);
    expect(listInbox({ userId: bob.id }).rows[0]).toMatchObject({ id: convo, unread: true, people: [{ name: "Ada Lovelace" }] });
    const page = listMessages({ viewer: viewer(bob), conversationId: convo });
    expect(page.messages.map((m) => m.html).join("")).toContain("<p>Are you coming <strong>Tuesday</strong>?</p>");
    markConversationRead({ userId: bob.id, conversationId: convo });
    expect(unreadConversationCount({ userId: bob.id })).toBe(0);

    // Outsiders see nothing of it.
    expect(getConversation({ viewer: viewer(cyd), conversationId: convo })).toBeNull();
    expect(listMessages({ viewer: viewer(cyd), conversationId: convo }).messages).toEqual([]);
    const msgId = page.messages[0]!.id;
    expect(canSee(viewer(cyd), { kind: "message", id: msgId })).toBe(false);
    expect(canSee(viewer(admin), { kind: "message", id: msgId })).toBe(false);
    expect(canSee(viewer(bob), { kind: "message", id: msgId })).toBe(true);
    // Its title names the author, never the text.
    expect(summarizeVisible(viewer(bob), [{ kind: "message", id: msgId }]).get(`message:${msgId}`)?.title).toBe("A message from Ada Lovelace");

    // Muted: still delivered, no longer counted.
    setMuted({ userId: bob.id, conversationId: convo, muted: true });
    sendMessage({ sender: viewer(ada), conversationId: convo, bodyMd: "Ping" });
    expect(unreadConversationCount({ userId: bob.id })).toBe(0);
    setMuted({ userId: bob.id, conversationId: convo, muted: false });
    expect(unreadConversationCount({ userId: bob.id })).toBe(1);
    markConversationRead({ userId: bob.id, conversationId: convo });

    // Bob blocks Ada: her new messages never reach him, and she is not told.
    setBlocked({ userId: bob.id, otherId: ada.id, blocked: true });
    expect(sendMessage({ sender: viewer(ada), conversationId: convo, bodyMd: "Still there?" }).ok).toBe(true);
    expect(unreadConversationCount({ userId: bob.id })).toBe(0);
    expect(listMessages({ viewer: viewer(bob), conversationId: convo }).messages.map((m) => m.authorName)).toEqual([]);
    setBlocked({ userId: bob.id, otherId: ada.id, blocked: false });

    // Leaving: the conversation is gone for Bob (a 404), and a new message starts a fresh one.
    leaveConversation({ userId: bob.id, conversationId: convo });
    expect(getConversation({ viewer: viewer(bob), conversationId: convo })).toBeNull();
    expect(sendMessage({ sender: viewer(bob), conversationId: convo, bodyMd: "x" })).toMatchObject({ ok: false, status: 404 });
    const again = startConversation({ sender: viewer(ada), recipientIds: [bob.id], bodyMd: "New thread" });
    expect(again.ok && again.conversationId).not.toBe(convo);
  });

  it("refuses a 1 MB message with a clear error, keeps hostile markdown inert, and rate-limits senders", async () => {
    const r = startConversation({ sender: viewer(ada), recipientIds: [bob.id], bodyMd: "x".repeat(1024 * 1024) });
    expect(r).toMatchObject({ ok: false, status: 400, field: "body" });
    expect(!r.ok && r.error).toMatch(/1,048,576 characters long; a message can have at most 20,000/);
    const xss = startConversation({ sender: viewer(ada), recipientIds: [bob.id], bodyMd: '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))' });
    if (!xss.ok) throw new Error(xss.error);
    const html = listMessages({ viewer: viewer(bob), conversationId: xss.conversationId }).messages.at(-1)!.html;
    expect(html).not.toMatch(/<script|onerror|href="javascript:/i);

    const spammer = await createUser(db(), { name: "Speedy", email: "speedy@example.com" });
    const c = startConversation({ sender: viewer(spammer), recipientIds: [ada.id], bodyMd: "1" });
    if (!c.ok) throw new Error(c.error);
    for (let i = 1; i < MESSAGE_LIMITS.perTenMinutes; i++) expect(sendMessage({ sender: viewer(spammer), conversationId: c.conversationId, bodyMd: `m${i}` }).ok).toBe(true);
    expect(sendMessage({ sender: viewer(spammer), conversationId: c.conversationId, bodyMd: "one more" })).toMatchObject({
      ok: false,
      status: 429,
      error: expect.stringMatching(/You have sent 40 messages in ten minutes/),
    });
  });
});

describe("unread-message notices", () => {
  it("after the member's delay: one notification and one mail with a link, never the text, and never twice", async () => {
    const reader = await createUser(db(), { name: "Rita Reader", email: "rita@example.com" });
    saveMessageSettings({ userId: reader.id, whoMayMessage: "network", unreadMailMinutes: 60 });
    const t0 = Date.now();
    const r = startConversation({ sender: viewer(ada), recipientIds: [reader.id], bodyMd: "The secret plan is in the attic", now: t0 });
    if (!r.ok) throw new Error(r.error);
    sendUnreadMessageNotices({ now: t0 + 30 * 60_000 });
    expect(mailsTo("rita@example.com")).toHaveLength(0);
    sendUnreadMessageNotices({ now: t0 + 61 * 60_000 });
    expect(mailsTo("rita@example.com")).toHaveLength(1);
    expect(sendUnreadMessageNotices({ now: t0 + 120 * 60_000 })).toBe(0);
    const mails = mailsTo("rita@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("You have unread messages from Ada Lovelace");
    expect(mails[0]!.text).toContain(`http://localhost:3999/messages/${r.conversationId}#m${r.messageId}`);
    expect(mails[0]!.text + mails[0]!.html).not.toContain("attic");
    const notes = db().select().from(schema.notifications).where(eq(schema.notifications.userId, reader.id)).all();
    expect(notes.map((n) => [n.event, n.refKind, n.summary])).toEqual([["message.unread", "message", "You have unread messages from Ada Lovelace"]]);
    // Read in time: nothing is sent.
    const r2 = sendMessage({ sender: viewer(ada), conversationId: r.conversationId, bodyMd: "More", now: t0 + 130 * 60_000 });
    expect(r2.ok).toBe(true);
    markConversationRead({ userId: reader.id, conversationId: r.conversationId });
    expect(sendUnreadMessageNotices({ now: t0 + 300 * 60_000 })).toBe(0);
  });
});

describe("reports and moderation", () => {
  it("reports go to staff and the seminar's instructors; hiding applies to every path; everyone is told", async () => {
    const post = db()
      .insert(schema.blogPosts)
      .values({ seminarId, authorId: bob.id, title: "Rude post", bodyMd: "rude", bodyHtml: "<p>rude</p>", status: "published", publishedAt: new Date(), updatedAt: new Date() })
      .returning()
      .get();
    const ref = { kind: "post" as const, id: post.id };
    expect(fileReport({ reporter: viewer(stranger), ref, reason: "harassment", details: "" })).toMatchObject({ ok: false, status: 404 });
    expect(fileReport({ reporter: viewer(bob), ref, reason: "spam", details: "" })).toMatchObject({ ok: false, error: "This is yours: you cannot report it." });
    const filed = fileReport({ reporter: viewer(ada), ref, reason: "harassment", details: "Personal attack" });
    expect(filed.ok).toBe(true);
    expect(fileReport({ reporter: viewer(ada), ref, reason: "harassment", details: "" })).toMatchObject({ ok: false, error: expect.stringMatching(/already reported/) });
    const other = createSeminar(db(), { title: "Other" });
    const otherTeacher = await createUser(db(), { name: "Other Teacher", email: "other@example.com" });
    addMember(db(), { seminarId: other.id, userId: otherTeacher.id, role: "instructor" });
    expect(listReports({ viewer: viewer(teacher) }).map((r) => r.title)).toEqual(["Rude post"]);
    expect(listReports({ viewer: viewer(otherTeacher) })).toEqual([]);
    expect(listReports({ viewer: viewer(cyd) })).toEqual([]);
    const reportId = filed.ok ? filed.reportId : 0;
    // Suspending is for staff.
    expect(decideReport({ moderator: viewer(teacher), reportId, outcome: "suspended", note: "" })).toMatchObject({ ok: false, status: 403 });
    expect(decideReport({ moderator: viewer(teacher), reportId, outcome: "hidden", note: "Keep it civil" }).ok).toBe(true);
    expect(canSee(viewer(cyd), ref)).toBe(false);
    expect(canSee(viewer(ada), ref)).toBe(false);
    expect(canSee(viewer(bob), ref)).toBe(true);
    expect(canSee(viewer(admin), ref)).toBe(true);
    const audit = db().select().from(schema.auditLog).where(eq(schema.auditLog.action, "moderation.hidden")).all();
    expect(audit.map((a) => [a.actorId, a.subject])).toEqual([[teacher.id, `post:${post.id}`]]);
    expect(mailsTo("ada@example.com").map((m) => m.subject)).toContain("Your report about “Rude post” was reviewed");
  });

  it("warns by mail and suspends (staff): the author is signed out and can no longer message", async () => {
    const troll = await createUser(db(), { name: "Tro Ll", email: "troll@example.com" });
    const c = startConversation({ sender: viewer(troll), recipientIds: [ada.id], bodyMd: "nasty" });
    if (!c.ok) throw new Error(c.error);
    const r1 = fileReport({ reporter: viewer(ada), ref: { kind: "message", id: c.messageId }, reason: "harassment", details: "" });
    if (!r1.ok) throw new Error(r1.error);
    expect(getReport({ viewer: viewer(admin), reportId: r1.reportId })).toMatchObject({ title: "A message from Tro Ll", excerpt: "nasty", href: null });
    expect(getReport({ viewer: viewer(teacher), reportId: r1.reportId })).toBeNull();
    // A message belongs to no seminar: only staff moderate it.
    expect(listReports({ viewer: viewer(teacher) }).some((r) => r.id === r1.reportId)).toBe(false);
    expect(decideReport({ moderator: viewer(admin), reportId: r1.reportId, outcome: "warned", note: "Be kind." }).ok).toBe(true);
    expect(mailsTo("troll@example.com").map((m) => m.subject)).toEqual(["A warning from the moderators"]);
    const again = sendMessage({ sender: viewer(troll), conversationId: c.conversationId, bodyMd: "nastier" });
    if (!again.ok) throw new Error(again.error);
    const r2 = fileReport({ reporter: viewer(ada), ref: { kind: "message", id: again.messageId }, reason: "harassment", details: "" });
    if (!r2.ok) throw new Error(r2.error);
    expect(decideReport({ moderator: viewer(admin), reportId: r2.reportId, outcome: "suspended", note: "" }).ok).toBe(true);
    expect(db().select().from(schema.users).where(eq(schema.users.id, troll.id)).get()?.status).toBe("deactivated");
    expect(startConversation({ sender: viewer(troll), recipientIds: [bob.id], bodyMd: "hi" }).ok).toBe(false);
  });
});

describe("over HTTP", () => {
  let server: TestServer;
  let sender: Client, member: Client, outsider: Client;
  let convo = 0;
  beforeAll(async () => {
    server = await startTestServer({ label: "messages" });
    const [a, b, c] = await Promise.all([
      createUser(server.db, { name: "Ada Lovelace", email: "ada@example.com", password: PASSWORD }),
      createUser(server.db, { name: "Bob Marley", email: "bob@example.com", password: PASSWORD }),
      createUser(server.db, { name: "Cyd Charisse", email: "cyd@example.com", password: PASSWORD }),
    ]);
    void a;
    void c;
    sender = new Client(server.url);
    member = new Client(server.url);
    outsider = new Client(server.url);
    await sender.signIn("ada@example.com", PASSWORD);
    await member.signIn("bob@example.com", PASSWORD);
    await outsider.signIn("cyd@example.com", PASSWORD);
    const res = await sender.post("/messages/new", { to: String(b!.id), body: "Hello Bob" });
    expect(res.status).toBe(302);
    convo = Number(/\/messages\/(\d+)/.exec(res.headers.get("location")!)![1]);
  });
  afterAll(() => server?.stop());

  it("shows the conversation to its members and a 404 to anyone else, page and .data alike", async () => {
    const page = await member.get(`/messages/${convo}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Hello Bob");
    expect((await outsider.get(`/messages/${convo}`)).status).toBe(404);
    const data = await outsider.get(`/messages/${convo}.data`);
    expect(data.status).toBe(404);
    expect(await data.text()).not.toContain("Hello Bob");
    expect((await outsider.get(`/messages/999999`)).status).toBe(404);
    expect((await outsider.get(`/moderation`)).status).toBe(404);
  });

  it("hands an attachment to the conversation's members only, as a download", async () => {
    const fd = new FormData();
    fd.append("intent", "send");
    fd.append("body", "The notes");
    fd.append("attachment", new Blob(["Plain notes for Bob.\n"]), "notes.txt");
    const sent = await sender.fetch(`/messages/${convo}`, { method: "POST", body: fd });
    expect(sent.status).toBe(302);
    const messageId = Number(/#m(\d+)/.exec(sent.headers.get("location")!)![1]);
    const url = `/messages/${convo}/attachments/${messageId}`;
    const got = await member.get(url);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-disposition")).toContain("notes.txt");
    expect(got.headers.get("cache-control")).toBe("private, no-store");
    expect(await got.text()).toBe("Plain notes for Bob.\n");
    expect((await outsider.get(url)).status).toBe(404);
  });

  it("refuses a 1 MB reply with a clear error and gives the draft back", async () => {
    const draft = `My long draft ${"y".repeat(1024 * 1024)}`;
    const res = await member.post(`/messages/${convo}`, { intent: "send", body: draft });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("A message can have at most 20,000 characters");
    expect(html).toContain("My long draft yyyy");
  });

  it("pushes a new message live to the other member's open stream", async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${server.url}/events`, { headers: { Cookie: member.cookieHeader(), Accept: "text/event-stream" } }, resolve).on("error", reject);
    });
    res.setEncoding("utf8");
    let text = "";
    const got = new Promise<void>((resolve) =>
      res.on("data", (d: string) => {
        text += d;
        if (/event: messages\ndata: \{"conversationId":\d+/.test(text)) resolve();
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const sent = await sender.post(`/messages/${convo}`, { intent: "send", body: "Live one" });
    expect(sent.status).toBe(302);
    await got;
    expect(text).toMatch(new RegExp(`event: messages\\ndata: \\{"conversationId":${convo},"messageId":\\d+,"unread":1\\}`));
    res.destroy();
  });
});
