// The community spine (COMMUNITY-DESIGN.md): one visibility answer per item kind, one notify() that respects it and
// the members' choices, one place that counts; and the notification centre members see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { saveMailChoices } from "~/models/preferences.server";
import { countActivity } from "~/models/counts.server";
import { enrol } from "~/models/enrolment.server";
import { db, writeTransaction } from "~/models/db.server";
import { canSee, summarizeVisible, visibleRefs, type ItemRef } from "~/models/items.server";
import { listNotifications, markNotificationsRead, notify, unreadNotificationCount } from "~/models/notifications.server";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";

function post(seminarId: number, authorId: number, title: string, status: "draft" | "published" = "published") {
  return db()
    .insert(schema.blogPosts)
    .values({ seminarId, authorId, title, bodyMd: "x", bodyHtml: "<p>x</p>", status, publishedAt: new Date(), updatedAt: new Date() })
    .returning()
    .get();
}

describe("visibility and notify (models)", () => {
  const u: Record<string, typeof schema.users.$inferSelect> = {};
  let mine: typeof schema.seminars.$inferSelect;
  let other: typeof schema.seminars.$inferSelect;

  beforeAll(async () => {
    mine = createSeminar(db(), { slug: "spine-a", title: "Spine A" });
    other = createSeminar(db(), { slug: "spine-b", title: "Spine B" });
    for (const key of ["author", "classmate", "outsider", "quiet", "eager"]) {
      u[key] = await createUser(db(), { email: `${key}@spine.test`, name: `${key} person` });
    }
    u.staff = await createUser(db(), { email: "staff@spine.test", name: "Staff person", role: "admin" });
    for (const key of ["author", "classmate", "quiet", "eager"]) addMember(db(), { seminarId: mine.id, userId: u[key]!.id, role: "attendee" });
    addMember(db(), { seminarId: other.id, userId: u.outsider!.id, role: "attendee" });
    saveMailChoices(db(), { userId: u.quiet!.id, choices: { replies: "never" } });
    saveMailChoices(db(), { userId: u.eager!.id, choices: { replies: "immediate" } });
    saveMailChoices(db(), { userId: u.classmate!.id, choices: { replies: "daily" } });
  });

  it("a seminar's posts are for its members and staff; a draft only for its author; unknown kinds for nobody", () => {
    const p = post(mine.id, u.author!.id, "Venue clauses");
    const d = post(mine.id, u.author!.id, "Half-written", "draft");
    const ref: ItemRef = { kind: "post", id: p.id };
    expect(canSee(u.classmate!, ref)).toBe(true);
    expect(canSee(u.staff!, ref)).toBe(true);
    expect(canSee(u.outsider!, ref)).toBe(false);
    expect(canSee(u.classmate!, { kind: "post", id: d.id })).toBe(false);
    expect(canSee(u.author!, { kind: "post", id: d.id })).toBe(true);
    expect(canSee(u.staff!, { kind: "job", id: p.id })).toBe(false);
    expect(canSee(u.classmate!, { kind: "post", id: 999_999 })).toBe(false);
    expect(visibleRefs(u.outsider!, [ref, { kind: "seminar", id: other.id }, { kind: "seminar", id: mine.id }])).toEqual([
      { kind: "seminar", id: other.id },
    ]);
    expect(summarizeVisible(u.classmate!, [ref]).get(`post:${p.id}`)).toEqual({
      title: "Venue clauses",
      href: `/s/spine-a/blog/${p.id}`,
      seminarId: mine.id,
    });
  });

  it("notify skips the actor, outsiders and 'never'; mails 'at once' through the outbox; digests wait", () => {
    const p = post(mine.id, u.author!.id, "Forum selection");
    const before = db().select().from(schema.outbox).all().length;
    const notified = writeTransaction((tx) =>
      notify(tx, {
        ref: { kind: "post", id: p.id },
        event: "post.published",
        actorId: u.author!.id,
        recipients: [u.author!.id, u.classmate!.id, u.classmate!.id, u.outsider!.id, u.quiet!.id, u.eager!.id, u.staff!.id],
        topic: "replies",
        summary: "author person wrote “Forum selection”",
      }),
    );
    expect(notified.sort()).toEqual([u.classmate!.id, u.eager!.id, u.staff!.id].sort());
    const mail = db().select().from(schema.outbox).all().slice(before);
    expect(mail.map((m) => m.toAddress).sort()).toEqual(["eager@spine.test", "staff@spine.test"]);
    expect(mail[0]!.text).toContain(`/s/spine-a/blog/${p.id}`);
    const rows = db().select().from(schema.notifications).all();
    expect(rows.find((r) => r.userId === u.classmate!.id)!.delivery).toBe("daily");
    expect(unreadNotificationCount({ viewer: u.classmate! })).toBe(1);
    const list = listNotifications({ viewer: u.classmate! });
    expect(list.entries.map((e) => [e.summary, e.href])).toEqual([["author person wrote “Forum selection”", `/s/spine-a/blog/${p.id}`]]);
  });

  it("a notification whose item the member may no longer see disappears with its text", () => {
    const p = post(mine.id, u.author!.id, "Later hidden");
    writeTransaction((tx) =>
      notify(tx, { ref: { kind: "post", id: p.id }, event: "post.published", actorId: null, recipients: [u.eager!.id], topic: "replies", summary: "Secret title" }),
    );
    expect(listNotifications({ viewer: u.eager! }).entries.some((e) => e.summary === "Secret title")).toBe(true);
    db().delete(schema.memberships).run();
    expect(listNotifications({ viewer: u.eager! }).entries.some((e) => e.summary === "Secret title")).toBe(false);
    expect(unreadNotificationCount({ viewer: u.eager! })).toBe(0);
  });

  it("marking read touches only one's own notifications", () => {
    const theirs = db().select().from(schema.notifications).all().find((r) => r.userId === u.staff!.id)!;
    expect(markNotificationsRead({ userId: u.classmate!.id, ids: [theirs.id] })).toBe(0);
    expect(markNotificationsRead({ userId: u.staff!.id, ids: "all" })).toBeGreaterThan(0);
    expect(unreadNotificationCount({ viewer: u.staff! })).toBe(0);
  });

  it("a request to join tells the seminar's instructors (issue #16), and the request links to the enrolment page", async () => {
    const s = createSeminar(db(), { slug: "spine-request", title: "Request Seminar", enrolmentPolicy: "request", startsAt: new Date(Date.now() + 30 * 86400_000) });
    const teacher = await createUser(db(), { email: "teacher@spine.test", name: "Teacher person" });
    addMember(db(), { seminarId: s.id, userId: teacher.id, role: "instructor" });
    const before = db().select().from(schema.outbox).all().length;
    expect(enrol({ seminarId: s.id, userId: u.quiet!.id })).toEqual({ ok: true, status: "requested" });
    const entries = listNotifications({ viewer: teacher }).entries;
    expect(entries.map((e) => [e.summary, e.href])).toEqual([["quiet person asked to join “Request Seminar”", "/s/spine-request/enrolment"]]);
    const mail = db().select().from(schema.outbox).all().slice(before);
    expect(mail.map((m) => m.toAddress)).toEqual(["teacher@spine.test"]);
    // Other members (not instructors) may not see the request.
    expect(canSee(u.eager!, { kind: "enrolment", id: db().select().from(schema.enrolments).all().at(-1)!.id })).toBe(false);
  });

  it("counts add up per member, day and counter", () => {
    writeTransaction((tx) => {
      countActivity(tx, { userId: u.eager!.id, counter: "question.asked", at: Date.UTC(2026, 0, 5, 10) });
      countActivity(tx, { userId: u.eager!.id, counter: "question.asked", at: Date.UTC(2026, 0, 5, 23) });
      countActivity(tx, { userId: u.eager!.id, counter: "question.asked", at: Date.UTC(2026, 0, 6, 1), n: 3 });
    });
    const rows = db().select().from(schema.memberDailyCounts).all();
    expect(rows.map((r) => [r.day, r.n])).toEqual([
      ["2026-01-05", 2],
      ["2026-01-06", 3],
    ]);
  });
});

describe("the notification centre (HTTP)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ label: "spine-http" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("shows the bell's count, lists, marks one and all as read, and is private", async () => {
    const seminar = createSeminar(server.db, { slug: "bell", title: "Bell seminar" });
    const me = await createUser(server.db, { email: "me@bell.test", name: "Me Member" });
    const other = await createUser(server.db, { email: "other@bell.test", name: "Other Member" });
    for (const x of [me, other]) addMember(server.db, { seminarId: seminar.id, userId: x.id, role: "attendee" });
    const posts = ["First news", "Second news"].map((title) =>
      server.db
        .insert(schema.blogPosts)
        .values({ seminarId: seminar.id, authorId: other.id, title, bodyMd: "x", bodyHtml: "x", status: "published", publishedAt: new Date(), updatedAt: new Date() })
        .returning()
        .get(),
    );
    const rows = posts.map((p) =>
      server.db
        .insert(schema.notifications)
        .values({ userId: me.id, event: "post.published", topic: "replies", refKind: "post", refId: p.id, actorId: other.id, seminarId: seminar.id, summary: `Other Member wrote “${p.title}”`, delivery: "portal", createdAt: Date.now() })
        .returning()
        .get(),
    );
    const c = new Client(server.url);
    await c.signIn("me@bell.test", PASSWORD);
    const home = await (await c.get("/notifications")).text();
    expect(home).toContain('aria-label="Notifications, 2 unread"');
    expect(home).toContain("Other Member wrote “First news”");
    expect(home).toContain(`href="/s/bell/blog/${posts[0]!.id}"`);

    const o = new Client(server.url);
    await o.signIn("other@bell.test", PASSWORD);
    expect(await (await o.get("/notifications")).text()).not.toContain("First news");
    // Someone else's id is ignored.
    await o.post("/notifications", { intent: "read", id: String(rows[0]!.id) });
    expect(await (await c.get("/notifications")).text()).toContain('aria-label="Notifications, 2 unread"');

    expect((await c.post("/notifications", { intent: "read", id: String(rows[0]!.id) })).status).toBe(302);
    expect(await (await c.get("/notifications")).text()).toContain('aria-label="Notifications, 1 unread"');
    expect((await c.post("/notifications", { intent: "read-all" })).status).toBe(302);
    const after = await (await c.get("/notifications")).text();
    expect(after).toContain('aria-label="Notifications, none unread"');
    expect(after).not.toContain("Mark all as read");
    expect((await c.post("/notifications", { intent: "read", id: "not a number" })).status).toBe(400);
    expect((await new Client(server.url).get("/notifications")).status).toBe(302);
  });
});
