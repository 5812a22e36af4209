// Admins create, edit and clone seminars; instructors manage membership (issue #5). Real HTTP, real SQLite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "a long enough password 1";
let server: TestServer;
let admin: Client;
let teacher: Client;
const q = <T>(sql: string, ...args: unknown[]) => server.db.$client.prepare(sql).get(...args) as T;
const all = <T>(sql: string, ...args: unknown[]) => server.db.$client.prepare(sql).all(...args) as T[];

const base = {
  title: "Cybersecurity for Law Firms 2027",
  slug: "cyber-2027",
  summary: "Incident response, vendor risk and client duties.",
  descriptionMd: "A **practical** day. <script>alert(1)</script>",
  welcomeMd: "Welcome aboard.",
  timeZone: "America/Denver",
  startsAt: "2027-05-10T09:00",
  endsAt: "2027-05-10T17:00",
  venue: "Denver Center, Room 1",
  meetingUrl: "",
  capacity: "30",
  instructors: "teacher@example.com",
};

beforeAll(async () => {
  server = await startTestServer({ label: "seminar-admin" });
  await createUser(server.db, { email: "admin@example.com", name: "Ada Admin", role: "admin", password: PASSWORD });
  await createUser(server.db, { email: "teacher@example.com", name: "Tess Teacher", password: PASSWORD });
  await createUser(server.db, { email: "second@example.com", name: "Sid Second", password: PASSWORD });
  await createUser(server.db, { email: "learner@example.com", name: "Lee Learner", password: PASSWORD });
  admin = new Client(server.url);
  await admin.signIn("admin@example.com", PASSWORD);
  teacher = new Client(server.url);
  await teacher.signIn("teacher@example.com", PASSWORD);
});
afterAll(() => server?.stop());

describe("admins create, edit and clone seminars", () => {
  it("only admins reach the seminar administration", async () => {
    expect((await teacher.get("/admin/seminars")).status).toBe(403);
    expect((await teacher.post("/admin/seminars/new", base)).status).toBe(403);
    expect((await admin.get("/admin/seminars")).status).toBe(200);
  });

  it("refuses an end before the start at the field, keeping what was typed, and saves nothing", async () => {
    const res = await admin.post("/admin/seminars/new", { ...base, endsAt: "2027-05-09T17:00" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="f-endsAt-error"[^>]*>The end must come after the start\./);
    expect(html).toContain('value="Cybersecurity for Law Firms 2027"');
    expect(html).toContain('value="2027-05-09T17:00"');
    expect(q<{ n: number }>("select count(*) n from seminars").n).toBe(0);
  });

  it("explains other bad input next to each field", async () => {
    const res = await admin.post("/admin/seminars/new", {
      ...base,
      slug: "Bad Slug!",
      instructors: "nobody@example.com",
      venue: "",
      meetingUrl: "javascript:alert(1)",
      capacity: "many",
    });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain("Use lower-case letters, digits and single hyphens");
    expect(html).toContain("Enter a full web address starting with https://.");
    expect(html).toContain("Enter a whole number of places, or leave it empty.");
  });

  it("creates a seminar with its instructors, rendered texts and times in its zone", async () => {
    const res = await admin.post("/admin/seminars/new", base);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/s/cyber-2027");
    const s = q<Record<string, unknown>>("select * from seminars where slug = 'cyber-2027'");
    // 09:00 in Denver in May (MDT, UTC-6) is 15:00 UTC.
    expect(new Date(s.starts_at as number).toISOString()).toBe("2027-05-10T15:00:00.000Z");
    expect(s.description_html).toContain("<strong>practical</strong>");
    expect(s.description_html).not.toContain("<script");
    expect(s.capacity).toBe(30);
    const roles = all<{ email: string; role: string }>(
      "select u.email, m.role from memberships m join users u on u.id = m.user_id where m.seminar_id = ?",
      s.id,
    );
    expect(roles).toEqual([{ email: "teacher@example.com", role: "instructor" }]);
    const home = await (await teacher.get("/s/cyber-2027")).text();
    expect(home).toContain("Welcome aboard.");
    expect(home).toContain("Tess Teacher");

    const taken = await admin.post("/admin/seminars/new", { ...base, title: "Another" });
    expect(await taken.text()).toContain("Another seminar already uses this short address.");
  });

  it("edits a seminar; an instructor taken off the list stays on as an attendee", async () => {
    const id = q<{ id: number }>("select id from seminars where slug = 'cyber-2027'").id;
    const form = await (await admin.get(`/admin/seminars/${id}`)).text();
    expect(form).toContain('value="2027-05-10T09:00"');
    const res = await admin.post(`/admin/seminars/${id}`, { ...base, instructors: "second@example.com", endsAt: "2027-05-11T12:00" });
    expect(res.status).toBe(302);
    const roles = all<{ email: string; role: string }>(
      "select u.email, m.role from memberships m join users u on u.id = m.user_id where m.seminar_id = ? order by u.email",
      id,
    );
    expect(roles).toEqual([
      { email: "second@example.com", role: "instructor" },
      { email: "teacher@example.com", role: "attendee" },
    ]);
    expect((await admin.get("/admin/seminars/999999")).status).toBe(404);
  });

  it("clones structure (schedule moved to the new dates, wiki skeleton, survey draft) but not members", async () => {
    const source = createSeminar(server.db, {
      slug: "cyber-2026",
      title: "Cybersecurity for Law Firms 2026",
      startsAt: new Date("2026-05-11T15:00:00Z"),
      endsAt: new Date("2026-05-11T23:00:00Z"),
      timeZone: "America/Denver",
      venue: "Denver Center",
    });
    const learner = q<{ id: number }>("select id from users where email = 'learner@example.com'").id;
    addMember(server.db, { seminarId: source.id, userId: learner, role: "attendee" });
    server.db.insert(schema.seminarSessions).values({ seminarId: source.id, title: "Tabletop exercise", startsAt: new Date("2026-05-11T16:00:00Z"), endsAt: new Date("2026-05-11T17:30:00Z") }).run();
    const page = server.db
      .insert(schema.wikiPages)
      .values({ seminarId: source.id, slug: "reading-list", title: "Reading list", bodyMd: "See [[Glossary]]", bodyHtml: '<p>See <a href="/s/cyber-2026/wiki/glossary">Glossary</a></p>', updatedAt: new Date() })
      .returning()
      .get();
    server.db.insert(schema.wikiRevisions).values({ pageId: page.id, seminarId: source.id, number: 1, title: page.title, bodyMd: page.bodyMd, bodyHtml: page.bodyHtml }).run();
    const survey = server.db
      .insert(schema.surveys)
      .values({ seminarId: source.id, title: "How was it?", closesAt: new Date("2026-06-01T00:00:00Z"), publishedAt: new Date("2026-05-01T00:00:00Z") })
      .returning()
      .get();
    server.db.insert(schema.surveyQuestions).values({ surveyId: survey.id, position: 1, type: "rating", prompt: "Overall?" }).run();

    const prefill = await (await admin.get(`/admin/seminars/new?from=${source.id}`)).text();
    expect(prefill).toContain('value="Cybersecurity for Law Firms 2026 (copy)"');
    expect(prefill).toContain("Members, materials and discussions are not copied.");
    const res = await admin.post("/admin/seminars/new", {
      ...base,
      slug: "cyber-2028",
      title: "Cybersecurity for Law Firms 2028",
      startsAt: "2028-05-08T09:00",
      endsAt: "2028-05-08T17:00",
      instructors: "",
      cloneFrom: String(source.id),
    });
    expect(res.status).toBe(302);
    const copy = q<{ id: number; starts_at: number }>("select id, starts_at from seminars where slug = 'cyber-2028'");
    const shift = copy.starts_at - source.startsAt.getTime();
    const sessions = all<{ title: string; starts_at: number }>("select title, starts_at from seminar_sessions where seminar_id = ?", copy.id);
    expect(sessions).toEqual([{ title: "Tabletop exercise", starts_at: new Date("2026-05-11T16:00:00Z").getTime() + shift }]);
    const pages = all<{ title: string; body_html: string }>("select title, body_html from wiki_pages where seminar_id = ?", copy.id);
    expect(pages).toEqual([{ title: "Reading list", body_html: '<p>See <a href="/s/cyber-2028/wiki/glossary">Glossary</a></p>' }]);
    const copiedSurvey = q<{ id: number; published_at: number | null; title: string }>("select id, published_at, title from surveys where seminar_id = ?", copy.id);
    expect(copiedSurvey.title).toBe("How was it?");
    expect(copiedSurvey.published_at).toBeNull();
    expect(q<{ n: number }>("select count(*) n from survey_questions where survey_id = ?", copiedSurvey.id).n).toBe(1);
    expect(q<{ n: number }>("select count(*) n from memberships where seminar_id = ?", copy.id).n).toBe(0);
  });
});

describe("instructors manage the membership", () => {
  let seminarId: number;
  beforeAll(() => {
    seminarId = q<{ id: number }>("select id from seminars where slug = 'cyber-2026'").id;
    const t = q<{ id: number }>("select id from users where email = 'teacher@example.com'").id;
    addMember(server.db, { seminarId, userId: t, role: "instructor" });
  });

  it("adds an existing member, refuses unknown addresses and duplicates, changes a role, removes", async () => {
    const unknown = await teacher.post("/s/cyber-2026/manage", { intent: "add", email: "stranger@example.com", role: "attendee" });
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(html).toContain("No active member has this address.");
    expect(html).toContain('value="stranger@example.com"');

    const added = await teacher.post("/s/cyber-2026/manage", { intent: "add", email: "Second@Example.com", role: "attendee" });
    expect(added.status).toBe(302);
    const dup = await teacher.post("/s/cyber-2026/manage", { intent: "add", email: "second@example.com", role: "attendee" });
    expect(await dup.text()).toContain("is already in this seminar");

    const second = q<{ id: number }>("select id from users where email = 'second@example.com'").id;
    expect((await teacher.post("/s/cyber-2026/manage", { intent: "role", userId: String(second), role: "instructor" })).status).toBe(302);
    expect(q<{ role: string }>("select role from memberships where seminar_id = ? and user_id = ?", seminarId, second).role).toBe("instructor");
    expect((await teacher.post("/s/cyber-2026/manage", { intent: "remove", userId: String(second) })).status).toBe(302);
    expect(q<{ n: number }>("select count(*) n from memberships where seminar_id = ? and user_id = ?", seminarId, second).n).toBe(0);
    // Someone not in this seminar cannot be "removed" or re-roled through it.
    expect((await teacher.post("/s/cyber-2026/manage", { intent: "remove", userId: String(second) })).status).toBe(404);
  });

  it("an instructor cannot demote or remove themself", async () => {
    const self = q<{ id: number }>("select id from users where email = 'teacher@example.com'").id;
    const res = await teacher.post("/s/cyber-2026/manage", { intent: "role", userId: String(self), role: "attendee" });
    expect(res.status).toBe(400);
    expect(q<{ role: string }>("select role from memberships where seminar_id = ? and user_id = ?", seminarId, self).role).toBe("instructor");
  });

  it("discussions can be made read-only only once the seminar has ended", async () => {
    const upcoming = await admin.post("/s/cyber-2028/manage", { intent: "read-only", readOnly: "on" });
    expect(upcoming.status).toBe(400);
    expect(q<{ r: number }>("select discussions_read_only r from seminars where slug = 'cyber-2028'").r).toBe(0);
    const ended = await teacher.post("/s/cyber-2026/manage", { intent: "read-only", readOnly: "on" });
    expect(ended.status).toBe(302);
    expect(q<{ r: number }>("select discussions_read_only r from seminars where slug = 'cyber-2026'").r).toBe(1);
  });
});
