// Issue #16: the catalogue's rules in process (listing, filters, recommendations, seats, waitlist offers, intake,
// alumni mail), then over HTTP against the production build: the race for the last seat, hand-made posts to seminars
// that are not open, intake answers kept from attendees, and lapsed offers moving on after a restart.
import { and, eq } from "drizzle-orm";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { saveMailChoices } from "~/models/preferences.server";
import { sendAlumniMailings } from "~/models/alumni.server";
import { catalogueMonths, listCatalogue, parseCatalogueQuery, recommendedSeminars, saveCatalogueSettings } from "~/models/catalogue.server";
import { db } from "~/models/db.server";
import { acceptOffer, cancelEnrolment, enrol, expireOffersAndFillSeats, getEnrolment } from "~/models/enrolment.server";
import { approveRequest } from "~/models/enrolment-staff.server";
import { intakeColumns, intakeSummary, listIntakeQuestions, saveIntakeAnswers, saveIntakeQuestions } from "~/models/intake.server";
import { Client } from "../helpers/http";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";
import { startTestServer, type TestServer } from "../helpers/server";

const DAY = 86400_000;
const PASSWORD = "correct horse battery staple";

function list(settings: Partial<Parameters<typeof saveCatalogueSettings>[0]["value"]> & { seminarId: number }) {
  saveCatalogueSettings({
    seminarId: settings.seminarId,
    value: { policy: "open", format: "in-person", cancelHoursBefore: 48, areas: [], jurisdictions: [], ...settings },
  });
}
const mailsTo = (email: string) => db().select().from(schema.outbox).where(eq(schema.outbox.toAddress, email)).all();
const isMember = (seminarId: number, userId: number) =>
  !!db().select().from(schema.memberships).where(and(eq(schema.memberships.seminarId, seminarId), eq(schema.memberships.userId, userId))).get();

describe("catalogue rules", () => {
  it("lists only open and by-request seminars that have not started, with working filters and recommendations", async () => {
    const u = await createUser(db(), { name: "Priya Raman", email: "priya@example.com" });
    db().insert(schema.profileAreas).values({ userId: u.id, kind: "area", value: "Privacy and Data Protection" }).run();
    db().insert(schema.barAdmissions).values({ userId: u.id, jurisdiction: "California" }).run();
    const march = new Date(Date.UTC(2031, 2, 10, 15));
    const a = createSeminar(db(), { title: "Privacy Deep Dive", startsAt: march });
    const b = createSeminar(db(), { title: "Tax Basics", startsAt: new Date(Date.UTC(2031, 3, 10, 15)) });
    const hidden = createSeminar(db(), { title: "Invitation Only Roundtable", startsAt: march });
    const past = createSeminar(db(), { title: "Old Privacy", startsAt: new Date(Date.now() - 10 * DAY), endsAt: new Date(Date.now() - 9 * DAY) });
    list({ seminarId: a.id, areas: ["Privacy and Data Protection"], jurisdictions: ["California"], format: "hybrid" });
    list({ seminarId: b.id, areas: ["Tax"], policy: "request", format: "online" });
    list({ seminarId: past.id, areas: ["Privacy and Data Protection"] });
    void hidden; // stays "invitation": never listed

    const titles = (q: string) =>
      listCatalogue({ viewerId: u.id, filters: parseCatalogueQuery(new URL(`http://x/catalogue?${q}`)) }).seminars.map((s) => s.title);
    expect(titles("")).toEqual(["Privacy Deep Dive", "Tax Basics"]);
    expect(titles("area=Tax")).toEqual(["Tax Basics"]);
    expect(titles("jurisdiction=California")).toEqual(["Privacy Deep Dive"]);
    expect(titles("month=2031-04")).toEqual(["Tax Basics"]);
    expect(titles("format=hybrid")).toEqual(["Privacy Deep Dive"]);
    expect(titles("format=online&month=2031-03")).toEqual([]);
    // Unknown values are ignored rather than failing the page.
    expect(titles("area=Nonsense&format=zeppelin&month=13")).toEqual(["Privacy Deep Dive", "Tax Basics"]);
    expect(recommendedSeminars({ userId: u.id }).map((s) => s.title)).toEqual(["Privacy Deep Dive"]);
  });

  it("a seminar is in the month it starts in on its own clock, not in UTC", async () => {
    const u = await createUser(db(), { email: "clock@example.com" });
    // 1 May 2032, 00:30 in Berlin is still 30 April in UTC; 31 May, 20:00 in Los Angeles is already 1 June in UTC.
    const berlin = createSeminar(db(), { title: "Berlin Breakfast", startsAt: new Date(Date.UTC(2032, 3, 30, 22, 30)), timeZone: "Europe/Berlin" });
    const la = createSeminar(db(), { title: "LA Evening", startsAt: new Date(Date.UTC(2032, 5, 1, 3)), timeZone: "America/Los_Angeles" });
    list({ seminarId: berlin.id });
    list({ seminarId: la.id });
    const titles = (q: string) =>
      listCatalogue({ viewerId: u.id, filters: parseCatalogueQuery(new URL(`http://x/catalogue?${q}`)) }).seminars.map((s) => s.title);
    expect(titles("month=2032-05")).toEqual(["Berlin Breakfast", "LA Evening"]);
    expect(titles("month=2032-04")).toEqual([]);
    expect(titles("month=2032-06")).toEqual([]);
    expect(catalogueMonths()).toContain("2032-05");
    expect(catalogueMonths()).not.toContain("2032-06");
  });

  it("fills seats, keeps a waitlist, offers freed seats for 48 hours by mail and moves lapsed offers on, idempotently", async () => {
    const s = createSeminar(db(), { title: "Small Room", capacity: 1, startsAt: new Date(Date.now() + 20 * DAY) });
    list({ seminarId: s.id });
    const [ann, ben, cat] = await Promise.all(["ann", "ben", "cat"].map((n) => createUser(db(), { name: n, email: `${n}@example.com` })));
    expect(enrol({ seminarId: s.id, userId: ann!.id })).toEqual({ ok: true, status: "enrolled" });
    expect(isMember(s.id, ann!.id)).toBe(true);
    expect(mailsTo("ann@example.com").map((m) => m.subject)).toEqual(["You are enrolled: Small Room"]);
    expect(enrol({ seminarId: s.id, userId: ben!.id })).toEqual({ ok: true, status: "waitlisted" });
    expect(enrol({ seminarId: s.id, userId: cat!.id })).toEqual({ ok: true, status: "waitlisted" });

    // Ann cancels: Ben, first in line, is offered the seat by mail.
    expect(cancelEnrolment({ seminarId: s.id, userId: ann!.id }).ok).toBe(true);
    expect(isMember(s.id, ann!.id)).toBe(false);
    expect(getEnrolment({ seminarId: s.id, userId: ben!.id })?.status).toBe("offered");
    expect(mailsTo("ben@example.com").map((m) => m.subject)).toEqual(["A seat is free for you: Small Room"]);
    expect(mailsTo("cat@example.com")).toHaveLength(0);

    // Nothing is due yet: the task changes nothing however often it runs.
    expect(expireOffersAndFillSeats()).toEqual({ expired: 0, offered: 0 });
    // 48 hours later the offer lapses and moves on to Cat, once.
    const later = new Date(Date.now() + 49 * 3600_000);
    expect(expireOffersAndFillSeats({ now: later })).toEqual({ expired: 1, offered: 1 });
    expect(expireOffersAndFillSeats({ now: later })).toEqual({ expired: 0, offered: 0 });
    expect(getEnrolment({ seminarId: s.id, userId: ben!.id })?.status).toBe("expired");
    expect(acceptOffer({ seminarId: s.id, userId: ben!.id, now: later })).toBe(false);
    expect(mailsTo("ben@example.com").map((m) => m.subject)).toContain("Your seat offer for Small Room has lapsed");
    expect(acceptOffer({ seminarId: s.id, userId: cat!.id, now: later })).toBe(true);
    expect(isMember(s.id, cat!.id)).toBe(true);

    // Cancelling after the deadline is refused.
    const soon = createSeminar(db(), { title: "Tomorrow", startsAt: new Date(Date.now() + DAY) });
    list({ seminarId: soon.id, cancelHoursBefore: 48 });
    enrol({ seminarId: soon.id, userId: ann!.id });
    const r = cancelEnrolment({ seminarId: soon.id, userId: ann!.id });
    expect(r).toEqual({ ok: false, message: "The cancellation deadline has passed. Please contact the institute's staff." });
    expect(isMember(soon.id, ann!.id)).toBe(true);
  });

  it("refuses invitation-only seminars and routes by-request seminars through approval", async () => {
    const u = await createUser(db(), { email: "dora@example.com", name: "Dora" });
    const staff = await createUser(db(), { email: "staff2@example.com", role: "admin" });
    const closed = createSeminar(db(), { title: "Closed" });
    expect(enrol({ seminarId: closed.id, userId: u.id })).toMatchObject({ ok: false, reason: "not-found" });
    expect(isMember(closed.id, u.id)).toBe(false);
    const req = createSeminar(db(), { title: "Ask First" });
    list({ seminarId: req.id, policy: "request" });
    expect(enrol({ seminarId: req.id, userId: u.id })).toEqual({ ok: true, status: "requested" });
    expect(isMember(req.id, u.id)).toBe(false);
    expect(approveRequest({ seminarId: req.id, userId: u.id, actorId: staff.id }).ok).toBe(true);
    expect(isMember(req.id, u.id)).toBe(true);
    expect(mailsTo("dora@example.com").at(-1)?.text).toContain("Your request was approved.");
  });

  it("summarises intake answers (names only where allowed) and exports them with the roster", async () => {
    const s = createSeminar(db(), { title: "Intake Seminar" });
    list({ seminarId: s.id });
    saveIntakeQuestions({
      seminarId: s.id,
      rows: [
        { prompt: "Your experience with the topic", kind: "choice", options: "None\nSome\nA lot" },
        { prompt: "What do you want covered?", kind: "text", options: "" },
      ],
    });
    const questions = listIntakeQuestions({ seminarId: s.id });
    const [choice, text] = questions as [(typeof questions)[0], (typeof questions)[0]];
    const people = await Promise.all(["eve", "fay", "gus"].map((n) => createUser(db(), { name: n.toUpperCase(), email: `${n}@example.com` })));
    for (const [i, p] of people.entries()) {
      enrol({ seminarId: s.id, userId: p.id });
      saveIntakeAnswers({
        seminarId: s.id,
        userId: p.id,
        questions,
        values: { [`a${choice.id}`]: i ? "Some" : "A lot", [`a${text.id}`]: `Topic ${i}`, shareName: i === 0 ? "on" : undefined },
      });
    }
    const summary = intakeSummary({ seminarId: s.id });
    expect(summary[0]!.counts).toEqual([
      { label: "None", count: 0 },
      { label: "Some", count: 2 },
      { label: "A lot", count: 1 },
    ]);
    expect(summary[1]!.texts).toEqual([
      { text: "Topic 0", by: "EVE" },
      { text: "Topic 1", by: null },
      { text: "Topic 2", by: null },
    ]);
    const cols = intakeColumns({ seminarId: s.id });
    expect(cols.headers).toEqual(["Your experience with the topic", "What do you want covered?"]);
    expect(cols.byUser.get(people[1]!.id)).toEqual(["Some", "Topic 1"]);
    // Someone who cancelled no longer counts.
    cancelEnrolment({ seminarId: s.id, userId: people[2]!.id });
    expect(intakeSummary({ seminarId: s.id })[1]!.answered).toBe(2);
  });

  it("mails each alumnus one 'next seminars' message, following their mail choice", async () => {
    const ended = createSeminar(db(), { title: "Finished Course", startsAt: new Date(Date.now() - 2 * DAY), endsAt: new Date(Date.now() - 3600_000) });
    list({ seminarId: ended.id, areas: ["Appellate"] });
    const next = createSeminar(db(), { title: "Appellate Advocacy II", startsAt: new Date(Date.now() + 30 * DAY) });
    list({ seminarId: next.id, areas: ["Appellate"] });
    const keen = await createUser(db(), { email: "keen@example.com" });
    const quiet = await createUser(db(), { email: "quiet@example.com" });
    const teacher = await createUser(db(), { email: "teacher@example.com" });
    addMember(db(), { seminarId: ended.id, userId: keen.id });
    addMember(db(), { seminarId: ended.id, userId: quiet.id });
    addMember(db(), { seminarId: ended.id, userId: teacher.id, role: "instructor" });
    saveMailChoices(db(), { userId: quiet.id, choices: { seminars: "never" } });
    expect(sendAlumniMailings()).toBe(1);
    // Again (another tick, a restart, a second process): nothing more.
    db().update(schema.seminars).set({ alumniMailedAt: null }).where(eq(schema.seminars.id, ended.id)).run();
    expect(sendAlumniMailings()).toBe(0);
    const mails = mailsTo("keen@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("What next after Finished Course? Seminars picked for you");
    expect(mails[0]!.text).toContain("Appellate Advocacy II");
    expect(mails[0]!.text).toContain(`/catalogue/${next.slug}`);
    expect(mailsTo("quiet@example.com")).toHaveLength(0);
    expect(mailsTo("teacher@example.com")).toHaveLength(0);
  });
});

describe("catalogue over HTTP (production build)", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let seminar: typeof schema.seminars.$inferSelect;
  const emails = ["racer1@example.com", "racer2@example.com"];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "catalogue-http", env: { SMTP_URL: smtp.url } });
    seminar = createSeminar(server.db, { slug: "last-seat", title: "Last Seat Seminar", capacity: 1, startsAt: new Date(Date.now() + 10 * DAY) });
    server.db.update(schema.seminars).set({ enrolmentPolicy: "open" }).where(eq(schema.seminars.id, seminar.id)).run();
    for (const e of emails) await createUser(server.db, { email: e });
    await createUser(server.db, { email: "nosy@example.com" });
    createSeminar(server.db, { slug: "closed-door", title: "Closed Door", startsAt: new Date(Date.now() + 10 * DAY) });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  it("two members racing for the last seat: exactly one is enrolled, the other is waitlisted", async () => {
    const clients = emails.map(() => new Client(server.url));
    await Promise.all(clients.map((c, i) => c.signIn(emails[i]!, PASSWORD)));
    const responses = await Promise.all(clients.map((c) => c.post("/catalogue/last-seat", { intent: "enrol" })));
    expect(responses.map((r) => r.status)).toEqual([302, 302]);
    const rows = server.db.select().from(schema.enrolments).where(eq(schema.enrolments.seminarId, seminar.id)).all();
    expect(rows.map((r) => r.status).sort()).toEqual(["enrolled", "waitlisted"]);
    const attendees = server.db.select().from(schema.memberships).where(eq(schema.memberships.seminarId, seminar.id)).all();
    expect(attendees).toHaveLength(1);
    expect(attendees[0]!.userId).toBe(rows.find((r) => r.status === "enrolled")!.userId);
  }, 60_000);

  it("refuses hand-made posts to an invitation-only seminar and keeps intake answers from attendees", async () => {
    const c = new Client(server.url);
    await c.signIn("nosy@example.com", PASSWORD);
    expect((await c.post("/catalogue/closed-door", { intent: "enrol" })).status).toBe(404);
    expect((await c.get("/catalogue/closed-door")).status).toBe(404);
    expect((await c.get("/catalogue")).status).toBe(200);
    expect(await (await c.get("/catalogue")).text()).not.toContain("Closed Door");
    // An attendee of the open seminar cannot read the audience brief, the roster export or change the listing.
    const winner = server.db.select().from(schema.memberships).where(eq(schema.memberships.seminarId, seminar.id)).get()!;
    const who = server.db.select().from(schema.users).where(eq(schema.users.id, winner.userId)).get()!;
    const a = new Client(server.url);
    await a.signIn(who.email, PASSWORD);
    expect((await a.get("/s/last-seat/audience")).status).toBe(403);
    expect((await a.get("/s/last-seat/roster.csv")).status).toBe(403);
    expect((await a.get("/s/last-seat/enrolment")).status).toBe(403);
    expect((await a.post("/s/last-seat/enrolment", { intent: "settings", policy: "open", format: "online", cancelHoursBefore: "1" })).status).toBe(403);
  }, 60_000);

  it("a lapsed offer moves on by itself after a restart", async () => {
    const waiting = server.db.select().from(schema.enrolments).where(eq(schema.enrolments.status, "waitlisted")).get()!;
    const who = server.db.select().from(schema.users).where(eq(schema.users.id, waiting.userId)).get()!;
    await server.stop();
    // While the server is down, the seat frees and is offered, and the offer lapses.
    const sqlite = new Database(server.dbFile);
    const past = Date.now() - 3600_000;
    sqlite.prepare(`delete from memberships where seminar_id = ?`).run(seminar.id);
    sqlite.prepare(`update enrolments set status = 'cancelled' where seminar_id = ? and status = 'enrolled'`).run(seminar.id);
    sqlite.prepare(`update enrolments set status = 'offered', offer_expires_at = ? where id = ?`).run(past, waiting.id);
    const later = await createUserIn(sqlite, "latecomer@example.com");
    sqlite.prepare(`insert into enrolments (seminar_id, user_id, status, queued_at, updated_at) values (?, ?, 'waitlisted', ?, ?)`).run(seminar.id, later, past, past);
    sqlite.close();
    server = await startTestServer({ label: "catalogue-restart", env: { SMTP_URL: smtp.url, DATABASE_PATH: server.dbFile } });
    const lapsed = await smtp.waitFor((m) => m.to === who.email && m.subject.includes("has lapsed"), 20_000);
    expect(lapsed.text).toContain("Last Seat Seminar");
    const offer = await smtp.waitFor((m) => m.to === "latecomer@example.com" && m.subject.startsWith("A seat is free"), 20_000);
    expect(offer.text).toContain("/catalogue/last-seat");
  }, 90_000);
});

async function createUserIn(sqlite: Database.Database, email: string): Promise<number> {
  const hash = (sqlite.prepare(`select password_hash from users where password_hash is not null limit 1`).get() as { password_hash: string }).password_hash;
  return Number(sqlite.prepare(`insert into users (email, name, password_hash) values (?, 'Late Comer', ?)`).run(email, hash).lastInsertRowid);
}
