// Issue #14 over real HTTP against the production build: routing a network question to matching experts (and not to
// others, nor past their weekly cap or their "never"), private questions to instructors that nobody else can reach by
// page, .data, search or notification, consent and anonymous publishing, votes that do not count (own, repeated,
// concurrent, from a new account), accepting, closing instead of erasing, suggestions, bursts and hostile markdown.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { closeDatabase } from "~/models/db.server";
import { surfaceStaleQuestions } from "~/models/question-routing.server";
import { resetEnvForTests } from "~/utils/env.server";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
const OLD = new Date(Date.now() - 60 * 86400_000);
const SECRET = "questions-http-secret-0123456789-abcdefghijklmno";

describe("expert answers over HTTP", () => {
  let server: TestServer;
  const ids: Record<string, number> = {};
  const clients = new Map<string, Client>();
  const E = {
    asker: "asker@example.com",
    expert: "expert@example.com",
    busy: "busy@example.com",
    quiet: "quiet@example.com",
    wrongPlace: "wrongplace@example.com",
    resting: "resting@example.com",
    reader: "reader@example.com",
    instructor: "instructor@example.com",
    classmate: "classmate@example.com",
    outsider: "outsider@example.com",
    newbie: "newbie@example.com",
    staff: "staff@example.com",
  };

  beforeAll(async () => {
    server = await startTestServer({ label: "questions-http", env: { WORKERS: "off", SESSION_SECRET: SECRET } });
    // The staff task runs in this process against the server's database.
    closeDatabase();
    process.env.DATABASE_PATH = server.dbFile;
    process.env.SESSION_SECRET = SECRET;
    resetEnvForTests();
    const d = server.db;
    for (const [key, email] of Object.entries(E)) {
      const name = `${key[0]!.toUpperCase()}${key.slice(1)} Person`;
      ids[key] = (await createUser(d, { email, name, createdAt: key === "newbie" ? new Date() : OLD, role: key === "staff" ? "admin" : "member" })).id;
    }
    const sem = createSeminar(d, { slug: "gdpr-sem", title: "GDPR Seminar" });
    const other = createSeminar(d, { slug: "other-sem", title: "Other Seminar" });
    ids.sem = sem.id;
    addMember(d, { seminarId: sem.id, userId: ids.asker!, role: "attendee" });
    addMember(d, { seminarId: sem.id, userId: ids.classmate!, role: "attendee" });
    addMember(d, { seminarId: sem.id, userId: ids.instructor!, role: "instructor" });
    addMember(d, { seminarId: other.id, userId: ids.outsider!, role: "attendee" });
    // Experts: privacy lawyers in California; one in New York only; one already asked three times this week.
    for (const key of ["expert", "busy", "quiet", "wrongPlace", "resting", "reader"]) {
      d.insert(schema.profileAreas).values({ userId: ids[key]!, kind: "area", value: "Privacy and Data Protection" }).run();
      d.insert(schema.barAdmissions).values({ userId: ids[key]!, jurisdiction: key === "wrongPlace" ? "New York" : "California" }).run();
    }
    d.update(schema.profiles).set({ headline: "Privacy counsel, Bay Area" }).where(eq(schema.profiles.userId, ids.expert!)).run();
    d.insert(schema.mailPreferences).values({ userId: ids.quiet!, topic: "questions", choice: "never" }).run();
    // Matching experts who chose not to be asked: paused, and reading only (issue #15's participation mode).
    d.insert(schema.participation).values({ userId: ids.resting!, mode: "paused" }).run();
    d.insert(schema.participation).values({ userId: ids.reader!, mode: "reader" }).run();
    for (let i = 0; i < 3; i++) {
      const q = d.insert(schema.questions).values({ audience: "network", title: `Earlier question ${i}`, bodyMd: "x", bodyHtml: "<p>x</p>", authorId: ids.classmate! }).returning().get();
      d.insert(schema.questionRoutes).values({ questionId: q.id, userId: ids.busy! }).run();
    }
  });
  afterAll(async () => {
    closeDatabase();
    await server?.stop();
  });

  async function as(key: keyof typeof E) {
    let c = clients.get(key);
    if (!c) {
      c = new Client(server.url);
      await c.signIn(E[key], PASSWORD);
      clients.set(key, c);
    }
    return c;
  }
  const lastQuestion = () => server.db.select().from(schema.questions).all().at(-1)!;
  const notificationsOf = (key: string) => server.db.select().from(schema.notifications).where(eq(schema.notifications.userId, ids[key]!)).all();

  it("routes a network question to the matching expert only, within the weekly cap and their mail choice", async () => {
    const asker = await as("asker");
    const res = await asker.post("/questions/new", {
      title: "Does CCPA apply to a two-person law firm?",
      body: "We hold **client** data of Californians.",
      areas: "Privacy and Data Protection",
      jurisdictions: "California",
      audience: "network",
      confirmed: "1",
    });
    expect(res.status).toBe(302);
    const q = lastQuestion();
    expect(res.headers.get("location")).toBe(`/questions/${q.id}`);
    expect(q.audience).toBe("network");
    expect(notificationsOf("expert").map((n) => n.event)).toEqual(["question.routed"]);
    for (const k of ["busy", "quiet", "wrongPlace", "classmate", "resting", "reader"]) expect(notificationsOf(k)).toEqual([]);
    const mail = server.db.select().from(schema.outbox).all().filter((m) => m.toAddress === E.expert);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject + mail[0]!.text).toContain("Does CCPA apply");
    expect(server.db.select().from(schema.questionRoutes).where(eq(schema.questionRoutes.questionId, q.id)).all().map((r) => r.userId)).toEqual([ids.expert]);

    // Every member sees it, with the expert's headline once they answer.
    const outsider = await as("outsider");
    const page = await (await outsider.get(`/questions/${q.id}`)).text();
    expect(page).toContain("<strong>client</strong>");
    const expert = await as("expert");
    expect((await expert.post(`/questions/${q.id}`, { intent: "answer", body: "Only above the revenue threshold. <script>alert(1)</script>" })).status).toBe(302);
    const after = await (await outsider.get(`/questions/${q.id}`)).text();
    expect(after).toContain("Privacy counsel, Bay Area");
    expect(after).not.toContain("<script>alert(1)");
    // The asker hears of the answer.
    expect(notificationsOf("asker").map((n) => n.event)).toContain("answer.posted");
    // Network search finds it for anyone, seminar or not.
    expect(await (await outsider.get("/search?q=revenue+threshold")).text()).toContain(`/questions/${q.id}#answer-`);
  });

  it("keeps a private question to the instructors private everywhere until the asker consents", async () => {
    const asker = await as("asker");
    const res = await asker.post("/questions/new?seminar=gdpr-sem", {
      title: "My client's breach in Lisbon: notify within 72 hours?",
      body: "Confidential facts about Zanzibarco.",
      audience: "private",
      confirmed: "1",
    });
    expect(res.status).toBe(302);
    const q = lastQuestion();
    expect(q.audience).toBe("private");
    expect(notificationsOf("instructor").map((n) => n.summary).join()).toContain("Lisbon");
    expect(notificationsOf("classmate").filter((n) => n.refId === q.id)).toEqual([]);

    const classmate = await as("classmate");
    const outsider = await as("outsider");
    const instructor = await as("instructor");
    for (const c of [classmate, outsider]) {
      expect((await c.get(`/questions/${q.id}`)).status).toBe(404);
      expect((await c.get(`/questions/${q.id}.data`)).status).toBe(404);
      expect(await (await c.get("/search?q=Zanzibarco")).text()).not.toContain(`/questions/${q.id}`);
      expect((await c.post(`/questions/${q.id}`, { intent: "answer", body: "sneaky" })).status).toBe(404);
    }
    expect(await (await classmate.get("/s/gdpr-sem/questions")).text()).not.toContain("Lisbon");
    expect(await (await instructor.get("/s/gdpr-sem/questions")).text()).toContain("Lisbon");
    expect(await (await instructor.get("/search?q=Zanzibarco")).text()).toContain(`/questions/${q.id}`);
    expect((await instructor.post(`/questions/${q.id}`, { intent: "answer", body: "Yes: Art. 33 GDPR." })).status).toBe(302);

    // No consent: instructors cannot publish. Consent to anonymous publishing: the seminar sees it without the name.
    await instructor.post(`/questions/${q.id}`, { intent: "publish" });
    expect(lastQuestion().audience).toBe("private");
    expect((await classmate.post(`/questions/${q.id}`, { intent: "consent", consent: "anonymous" })).status).toBe(404);
    expect((await asker.post(`/questions/${q.id}`, { intent: "consent", consent: "anonymous" })).status).toBe(302);
    expect((await instructor.post(`/questions/${q.id}`, { intent: "publish" })).status).toBe(302);
    const shared = await (await classmate.get(`/questions/${q.id}`)).text();
    expect(shared).toContain("Lisbon");
    expect(shared).toContain("Art. 33 GDPR");
    expect(shared).not.toContain("Asker Person");
    expect((await outsider.get(`/questions/${q.id}`)).status).toBe(404);
  });

  it("counts one vote per member, none for own answers or new accounts, even when clicked twice at once", async () => {
    const q = server.db.select().from(schema.questions).where(eq(schema.questions.title, "Does CCPA apply to a two-person law firm?")).get()!;
    const answer = server.db.select().from(schema.answers).where(eq(schema.answers.questionId, q.id)).get()!;
    const classmate = await as("classmate");
    const vote = () => classmate.post(`/questions/${q.id}`, { intent: "vote", answerId: String(answer.id) });
    await Promise.all([vote(), vote(), vote()]);
    const expert = await as("expert");
    await expert.post(`/questions/${q.id}`, { intent: "vote", answerId: String(answer.id) });
    const newbie = await as("newbie");
    await newbie.post(`/questions/${q.id}`, { intent: "vote", answerId: String(answer.id) });
    const score = () => server.db.select().from(schema.answers).where(eq(schema.answers.id, answer.id)).get()!.score;
    expect(score()).toBe(1);
    expect(server.db.select().from(schema.answerVotes).where(eq(schema.answerVotes.answerId, answer.id)).all()).toHaveLength(2);

    // Only the asker (or an instructor) accepts; accepting twice changes nothing and tells the answerer once.
    expect((await classmate.post(`/questions/${q.id}`, { intent: "accept", answerId: String(answer.id) })).status).toBe(403);
    const asker = await as("asker");
    await Promise.all([0, 1].map(() => asker.post(`/questions/${q.id}`, { intent: "accept", answerId: String(answer.id) })));
    expect(server.db.select().from(schema.questions).where(eq(schema.questions.id, q.id)).get()!.acceptedAnswerId).toBe(answer.id);
    expect(notificationsOf("expert").filter((n) => n.event === "answer.accepted")).toHaveLength(1);
    expect(await (await asker.get("/questions?view=unaccepted")).text()).not.toContain("Does CCPA apply");
    // The expert's profile shows the accepted answer in its practice area.
    expect(await (await classmate.get(`/people/${ids.expert}`)).text()).toContain("Accepted answers</h2><ul class=\"plain-list\"><li>Privacy and Data Protection: 1</li>");
  });

  it("suggests similar questions before posting, limits bursts, and closes rather than erases answered questions", async () => {
    const classmate = await as("classmate");
    const first = await classmate.post("/questions/new", { title: "Does the CCPA apply to small firms?", body: "Wondering.", audience: "network" });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("look similar");
    expect(html).toContain("Does CCPA apply to a two-person law firm?");
    expect(html).toContain("Post my question anyway");

    // Hand-made vocabulary values are refused next to the field.
    const bad = await classmate.post("/questions/new", { title: "A question with a made-up area", body: "x", areas: "Underwater Basket Law", audience: "network", confirmed: "1" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choose practice areas from the list.");

    const before = server.db.select().from(schema.questions).all().length;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await classmate.post("/questions/new", { title: `Burst question number ${i}`, body: "spam", audience: "network", confirmed: "1" })).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    const limited = await classmate.post("/questions/new", { title: "One more burst question", body: "spam", audience: "network", confirmed: "1" });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Please wait ten minutes");
    expect(server.db.select().from(schema.questions).all().length - before).toBeLessThanOrEqual(5);

    // The asker withdraws an answered question: closed, the answer stays.
    const q = server.db.select().from(schema.questions).where(eq(schema.questions.title, "Does CCPA apply to a two-person law firm?")).get()!;
    const asker = await as("asker");
    expect((await asker.post(`/questions/${q.id}`, { intent: "withdraw" })).status).toBe(302);
    const closed = server.db.select().from(schema.questions).where(eq(schema.questions.id, q.id)).get()!;
    expect(closed.closedAt).not.toBeNull();
    const page = await (await classmate.get(`/questions/${q.id}`)).text();
    expect(page).toContain("Only above the revenue threshold");
    expect(page).toContain("closed to new answers");
    expect((await classmate.post(`/questions/${q.id}`, { intent: "answer", body: "late" })).status).toBe(400);
    // Staff remove it outright.
    const staff = await as("staff");
    expect((await staff.post(`/questions/${q.id}`, { intent: "remove" })).status).toBe(302);
    expect(server.db.select().from(schema.questions).where(eq(schema.questions.id, q.id)).get()).toBeUndefined();
    expect(server.db.select().from(schema.searchDocuments).where(and(eq(schema.searchDocuments.kind, "answer"))).all().filter((d) => d.path.startsWith(`/questions/${q.id}#`))).toEqual([]);
  });

  it("keeps edit history, tells followers of a topic, and surfaces a question unanswered for two days to staff", async () => {
    const asker = await as("asker");
    const classmate = await as("classmate");
    expect((await classmate.post("/questions", { intent: "follow", targetKind: "area", target: "Tax" })).status).toBe(302);
    expect((await classmate.post("/questions", { intent: "follow", targetKind: "area", target: "Underwater Basket Law" })).status).toBe(400);
    await asker.post("/questions/new", { title: "Deducting seminar fees as a sole practitioner", body: "Is it deductible?", areas: "Tax", audience: "network", confirmed: "1" });
    const q = lastQuestion();
    expect(notificationsOf("classmate").filter((n) => n.refId === q.id).map((n) => n.event)).toEqual(["question.followed-topic"]);

    const expert = await as("expert");
    await expert.post(`/questions/${q.id}`, { intent: "answer", body: "Generally yes, as continuing education." });
    const answer = server.db.select().from(schema.answers).where(eq(schema.answers.questionId, q.id)).get()!;
    expect((await classmate.post(`/questions/${q.id}`, { intent: "edit-answer", answerId: String(answer.id), body: "Hijacked" })).status).toBe(403);
    expect((await expert.post(`/questions/${q.id}`, { intent: "edit-answer", answerId: String(answer.id), body: "Generally yes, as continuing legal education (CLE)." })).status).toBe(302);
    const page = (await (await classmate.get(`/questions/${q.id}`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("continuing legal education (CLE)");
    expect(page).toContain("Earlier versions (1)");
    expect(page).toContain("Generally yes, as continuing education.");
    await classmate.post(`/questions/${q.id}`, { intent: "comment", answerId: String(answer.id), body: "Thanks, *very* helpful." });
    expect(await (await asker.get(`/questions/${q.id}`)).text()).toContain("<em>very</em>");
    expect(notificationsOf("expert").filter((n) => n.event === "answer.commented")).toHaveLength(1);

    // Nobody answers this one for three days: staff hear of it once.
    await asker.post("/questions/new", { title: "Nobody knows this one about maritime liens", body: "Anyone?", audience: "network", confirmed: "1" });
    const waiting = lastQuestion();
    server.db.update(schema.questions).set({ createdAt: new Date(Date.now() - 3 * 86400_000) }).where(eq(schema.questions.id, waiting.id)).run();
    expect(surfaceStaleQuestions()).toBeGreaterThanOrEqual(1);
    expect(surfaceStaleQuestions()).toBe(0);
    expect(notificationsOf("staff").filter((n) => n.refId === waiting.id).map((n) => n.event)).toEqual(["question.unanswered"]);
    expect(await (await (await as("staff")).get("/notifications")).text()).toContain("Unanswered for two days");
    expect(await (await asker.get("/questions?view=unanswered")).text()).toContain("Nobody knows this one about maritime liens");
  });

  it("the private questions feed holds what each member may see and nothing more", async () => {
    const asker = await as("asker");
    await asker.post("/questions/new?seminar=gdpr-sem", { title: "Secret feed question about Kramerica", body: "Only for the instructors.", audience: "private", confirmed: "1" });
    const feedFor = async (c: Client) => {
      const html = await (await c.post("/s/gdpr-sem/feeds", { intent: "create" })).text();
      const m = /\/feeds\/([A-Za-z0-9_-]{43})\/questions\.atom/.exec(html);
      expect(m).not.toBeNull();
      const res = await fetch(`${server.url}/feeds/${m![1]}/questions.atom`);
      expect(res.status).toBe(200);
      return res.text();
    };
    const mine = await feedFor(asker);
    expect(mine).toContain("Secret feed question about Kramerica");
    const theirs = await feedFor(await as("classmate"));
    expect(theirs).not.toContain("Kramerica");
    // The published (anonymous) question is there, without the asker's name.
    expect(theirs).toContain("Lisbon");
    expect(theirs).not.toContain("Asker Person");
    expect(await feedFor(await as("instructor"))).toContain("Kramerica");
    expect((await fetch(`${server.url}/feeds/${"x".repeat(43)}/questions.atom`)).status).toBe(404);
  });
});
