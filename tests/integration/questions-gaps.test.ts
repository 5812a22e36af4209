// Issues #14/#15 over real HTTP against the production build: the weekly routing cap each member sets on their
// settings page (0 = never), @mentions in answers (same rules as elsewhere: who may see it, blocks, participation),
// question attachments (who may download them, refusals that keep the form), the seminar home's Questions card, and
// the moderators' wording for a hidden comment.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
const OLD = new Date(Date.now() - 60 * 86400_000);
const AREA = "Privacy and Data Protection";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

// Every visibility field of the settings form (as the page sends them).
const VISIBILITY = Object.fromEntries(
  [
    "visPhoto", "visAddressAs", "visHeadline", "visFirm", "visJobTitle", "visLocation", "visPracticeAreas", "visJurisdictions",
    "visYearsInPractice", "visBio", "visLinks", "visOpenToReferrals", "visBarNumbers", "visEmail", "visPhone", "visPreferredContact",
    "visOpenToOpportunities",
  ].map((k) => [k, "instructors"]),
);

describe("questions: routing cap, mentions in answers, attachments, seminar home", () => {
  let server: TestServer;
  const ids: Record<string, number> = {};
  const clients = new Map<string, Client>();
  const people = ["asker", "capOne", "capZero", "usual", "mentioned", "blocker", "resting", "classmate", "instructor", "outsider"] as const;
  type Key = (typeof people)[number];
  const name = (k: string) => `${k[0]!.toUpperCase()}${k.slice(1)} Person`;

  beforeAll(async () => {
    server = await startTestServer({ label: "questions-gaps", env: { WORKERS: "off", } });
    const d = server.db;
    for (const k of people) ids[k] = (await createUser(d, { email: `${k.toLowerCase()}@example.com`, name: name(k), createdAt: OLD })).id;
    const sem = createSeminar(d, { slug: "gaps-sem", title: "Gaps Seminar" });
    const other = createSeminar(d, { slug: "gaps-other", title: "Other Seminar" });
    ids.sem = sem.id;
    for (const k of ["asker", "classmate", "mentioned"] as const) addMember(d, { seminarId: sem.id, userId: ids[k]!, role: "attendee" });
    addMember(d, { seminarId: sem.id, userId: ids.instructor!, role: "instructor" });
    addMember(d, { seminarId: other.id, userId: ids.outsider!, role: "attendee" });
    for (const k of ["capOne", "capZero", "usual"] as const) {
      d.insert(schema.profileAreas).values({ userId: ids[k]!, kind: "area", value: AREA }).run();
      d.insert(schema.barAdmissions).values({ userId: ids[k]!, jurisdiction: "California" }).run();
    }
    d.insert(schema.memberBlocks).values({ userId: ids.blocker!, blockedId: ids.usual! }).run();
    d.insert(schema.participation).values({ userId: ids.resting!, mode: "paused" }).run();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function as(key: Key) {
    let c = clients.get(key);
    if (!c) {
      c = new Client(server.url);
      await c.signIn(`${key.toLowerCase()}@example.com`, PASSWORD);
      clients.set(key, c);
    }
    return c;
  }
  const lastQuestion = () => server.db.select().from(schema.questions).all().at(-1)!;
  const routedTo = (questionId: number) =>
    server.db.select().from(schema.questionRoutes).where(eq(schema.questionRoutes.questionId, questionId)).all().map((r) => r.userId).sort();
  const events = (key: Key, event: string) =>
    server.db.select().from(schema.notifications).where(and(eq(schema.notifications.userId, ids[key]!), eq(schema.notifications.event, event))).all();

  async function ask(title: string, extra: Record<string, string> = {}) {
    const res = await (await as("asker")).post("/questions/new", { title, body: "Facts.", areas: AREA, jurisdictions: "California", audience: "network", confirmed: "1", ...extra });
    expect(res.status).toBe(302);
    return lastQuestion();
  }

  it("routes no more network questions a week than each member allows on their settings page (0 = never)", async () => {
    const settings = (cap: string) => ({ ...VISIBILITY, mode: "answers", timeZone: "Europe/Berlin", weeklyQuestionCap: cap });
    // A number out of range is refused next to the field, and nothing is saved.
    const bad = await (await as("capOne")).post("/profile/settings", settings("99"));
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("At most 20 questions a week.");
    expect(badPage).toMatch(/id="weeklyQuestionCap"[^>]*value="99"/);
    expect(server.db.select().from(schema.participation).where(eq(schema.participation.userId, ids.capOne!)).get()).toBeUndefined();

    expect((await (await as("capOne")).post("/profile/settings", settings("1"))).status).toBe(302);
    expect((await (await as("capZero")).post("/profile/settings", settings("0"))).status).toBe(302);
    expect(await (await (await as("capOne")).get("/profile/settings")).text()).toMatch(/id="weeklyQuestionCap"[^>]*value="1"/);
    // Without a choice the cap is three.
    expect(await (await (await as("usual")).get("/profile/settings")).text()).toMatch(/id="weeklyQuestionCap"[^>]*value="3"/);

    const first = await ask("Is a cookie banner needed for an intranet?");
    expect(routedTo(first.id)).toEqual([ids.capOne, ids.usual].sort());
    const second = await ask("Does the CCPA cover employee data at a small firm?");
    expect(routedTo(second.id)).toEqual([ids.usual]);
    expect(events("capZero", "question.routed")).toEqual([]);
    expect(events("capOne", "question.routed")).toHaveLength(1);
    expect(server.db.select().from(schema.participation).where(eq(schema.participation.userId, ids.capZero!)).get()?.weeklyQuestionCap).toBe(0);
  });

  it("tells members mentioned in an answer, unless they may not see it, blocked the author or paused", async () => {
    const q = await ask("Who handles a data subject request for a deceased client?");
    const usual = await as("usual");
    const body = "@Mentioned Person knows this, and so might @Blocker Person and @Resting Person. `@Classmate Person` in code is no mention.";
    expect((await usual.post(`/questions/${q.id}`, { intent: "answer", body })).status).toBe(302);
    const mention = events("mentioned", "mention");
    expect(mention).toHaveLength(1);
    expect(mention[0]!.summary).toBe(`Usual Person mentioned you in “${q.title}”`);
    for (const k of ["blocker", "resting", "classmate"] as const) expect(events(k, "mention")).toEqual([]);
    // Editing tells only the people newly mentioned.
    const answer = server.db.select().from(schema.answers).where(eq(schema.answers.questionId, q.id)).get()!;
    const edited = `${body} Also @[Classmate Person](/people/${ids.classmate}).`;
    expect((await usual.post(`/questions/${q.id}`, { intent: "edit-answer", answerId: String(answer.id), body: edited })).status).toBe(302);
    expect(events("mentioned", "mention")).toHaveLength(1);
    expect(events("classmate", "mention")).toHaveLength(1);

    // A private question to the instructors: a classmate named in the answer cannot see it and is not told.
    const asker = await as("asker");
    await asker.post("/questions/new?seminar=gaps-sem", { title: "Private: may I share the client's file?", body: "Details.", audience: "private", confirmed: "1" });
    const priv = lastQuestion();
    expect(priv.audience).toBe("private");
    const instructor = await as("instructor");
    expect((await instructor.post(`/questions/${priv.id}`, { intent: "answer", body: "Ask @Classmate Person and @Asker Person." })).status).toBe(302);
    expect(events("classmate", "mention")).toHaveLength(1);
    // The asker was told of the answer already; one notice, not two.
    const privAnswer = server.db.select().from(schema.answers).where(eq(schema.answers.questionId, priv.id)).get()!;
    const askerNotices = server.db.select().from(schema.notifications).where(and(eq(schema.notifications.userId, ids.asker!), eq(schema.notifications.refId, privAnswer.id))).all();
    expect(askerNotices.map((n) => n.event)).toEqual(["answer.posted"]);
  });

  it("shows a question's files only to those who may see the question, and refuses bad files keeping the form", async () => {
    const asker = await as("asker");
    const form = (file: Blob, fileName: string, title: string) => {
      const fd = new FormData();
      fd.append("title", title);
      fd.append("body", "See the attached engagement letter.");
      fd.append("audience", "seminar");
      fd.append("confirmed", "1");
      fd.append("attachment", file, fileName);
      return fd;
    };
    // A forbidden kind (markup that could run script): 415 next to the file field, every other field kept, nothing
    // stored. (Oversized files take the same path; the upload service's streaming cap is tested with materials.)
    const svg = await asker.fetch("/questions/new?seminar=gaps-sem", { method: "POST", body: form(new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>']), "x.svg", "Forbidden file question title") });
    expect(svg.status).toBe(415);
    const svgPage = await svg.text();
    expect(svgPage).toContain("This kind of file is not accepted");
    expect(svgPage).toContain('value="Forbidden file question title"');
    expect(svgPage).toContain("See the attached engagement letter.");
    expect(server.db.select().from(schema.questionAttachments).all()).toEqual([]);

    const ok = await asker.fetch("/questions/new?seminar=gaps-sem", { method: "POST", body: form(new Blob([PDF]), "letter.pdf", "Is this engagement letter enough?") });
    expect(ok.status).toBe(302);
    const q = lastQuestion();
    const [att] = server.db.select().from(schema.questionAttachments).where(eq(schema.questionAttachments.questionId, q.id)).all();
    expect(att).toMatchObject({ fileName: "letter.pdf", contentType: "application/pdf", uploaderId: ids.asker });
    const url = `/questions/${q.id}/attachments/${att!.id}`;
    expect(await (await (await as("classmate")).get(`/questions/${q.id}`)).text()).toContain(`href="${url}"`);
    const download = await (await as("classmate")).get(url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toContain("letter.pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    // A member of another seminar: the same 404 as a file that does not exist; also through .data.
    expect((await (await as("outsider")).get(url)).status).toBe(404);
    expect((await (await as("outsider")).get(`/questions/${q.id}.data`)).status).toBe(404);
    expect((await (await as("classmate")).get(`/questions/${q.id}/attachments/${att!.id + 1000}`)).status).toBe(404);
    // Only the asker adds files.
    const fd = new FormData();
    fd.append("intent", "attach");
    fd.append("attachment", new Blob([PDF]), "mine.pdf");
    expect((await (await as("classmate")).fetch(`/questions/${q.id}`, { method: "POST", body: fd })).status).toBe(403);
  });

  it("the seminar home lists the questions its viewer may see, with a link to ask", async () => {
    const home = await (await (await as("classmate")).get("/s/gaps-sem")).text();
    expect(home).toContain('id="questions-title"');
    expect(home).toContain("Is this engagement letter enough?");
    expect(home).not.toContain("Private: may I share");
    expect(home).toContain('href="/questions/new?seminar=gaps-sem"');
    const instructorHome = await (await (await as("instructor")).get("/s/gaps-sem")).text();
    expect(instructorHome).toContain("Private: may I share");
  });

  it("a comment the moderators hid reads with their wording to others, and its author sees the notice", async () => {
    const d = server.db;
    const post = d
      .insert(schema.blogPosts)
      .values({ seminarId: ids.sem!, authorId: ids.instructor!, title: "Welcome post", bodyMd: "Hi", bodyHtml: "<p>Hi</p>", status: "published", publishedAt: new Date(), updatedAt: new Date() })
      .returning()
      .get();
    const c = d.insert(schema.comments).values({ postId: post.id, seminarId: ids.sem!, authorId: ids.classmate!, bodyMd: "Rude words", bodyHtml: "<p>Rude words</p>" }).returning().get();
    d.insert(schema.comments).values({ postId: post.id, seminarId: ids.sem!, parentId: c.id, authorId: ids.asker!, bodyMd: "A reply", bodyHtml: "<p>A reply</p>" }).run();
    d.insert(schema.moderatedItems).values({ itemKind: "comment", itemId: c.id, state: "hidden", authorId: ids.classmate! }).run();
    const other = await (await (await as("asker")).get(`/s/gaps-sem/blog/${post.id}`)).text();
    expect(other).toContain("Hidden by the moderators.");
    expect(other).not.toContain("This comment was removed.");
    expect(other).not.toContain("Rude words");
    const own = await (await (await as("classmate")).get(`/s/gaps-sem/blog/${post.id}`)).text();
    expect(own).toContain("Hidden by the moderators: other members cannot see this comment.");
    expect(own).toContain("Rude words");
  });
});
