// Full-text search over real HTTP: ranked, highlighted, and never anything from a seminar the viewer is not in,
// a draft, a removed comment or an instructors-only document. Also the index mechanics (triggers, materials).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/models/db.server";
import { indexDocument, search, toMatchExpression } from "~/models/search.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

describe("search (model)", () => {
  it("turns any input into a safe FTS5 expression", () => {
    expect(toMatchExpression('breach "response plan" scope:s2 OR NEAR(')).toBe('"response plan" AND "breach" AND "scope" AND "s2" AND "OR" AND "NEAR"');
    expect(toMatchExpression('"" * ^ -')).toBeNull();
  });

  it("indexes materials by trigger, ranks title matches first, and forgets deleted rows", () => {
    const s = createSeminar(db(), { slug: "idx" });
    db().insert(schema.materials).values({ seminarId: s.id, title: "Handout on retention", description: "Schedules for keeping records." }).run();
    indexDocument({ kind: "wiki", id: 9001, seminarId: s.id, title: "Retention schedules", body: "How long to keep what." });
    indexDocument({ kind: "wiki", id: 9002, seminarId: s.id, title: "Misc", body: "A note that mentions retention once." });
    const scope = { seminars: [{ id: s.id, slug: s.slug, title: s.title, canManage: false }] };
    const r = search({ q: "retention", scope });
    expect(r.hits.map((h) => h.title.map((x) => x.text).join(""))).toEqual(["Retention schedules", "Handout on retention", "Misc"]);
    expect(r.hits[0]!.title[0]).toEqual({ text: "Retention", hit: true });
    expect(r.hits.find((h) => h.kind === "material")!.href).toMatch(/^\/s\/idx\/materials\/\d+$/);
    // Porter stemming: "schedule" finds "schedules".
    expect(search({ q: "schedule", scope }).hits.length).toBe(2);
    db().delete(schema.materials).run();
    expect(search({ q: "handout", scope }).hits).toEqual([]);
    db().delete(schema.seminars).where(eq(schema.seminars.id, s.id)).run();
    expect(db().$client.prepare("select count(*) as n from search_fts").get()).toEqual({ n: 0 });
  });
});

describe("search over HTTP never leaks", () => {
  let server: TestServer;
  const password = "correct horse battery staple";
  const E = { a: "member-a@example.com", b: "member-b@example.com", teacher: "teacher-a@example.com" };
  let postA = 0;

  beforeAll(async () => {
    server = await startTestServer({ label: "search-http", env: { WORKERS: "off" } });
    const a = createSeminar(server.db, { slug: "sem-a", title: "Seminar A" });
    const b = createSeminar(server.db, { slug: "sem-b", title: "Seminar B" });
    const ua = await createUser(server.db, { email: E.a, name: "Member A" });
    const ub = await createUser(server.db, { email: E.b, name: "Member B" });
    const t = await createUser(server.db, { email: E.teacher, name: "Teacher A" });
    addMember(server.db, { seminarId: a.id, userId: ua.id });
    addMember(server.db, { seminarId: a.id, userId: t.id, role: "instructor" });
    addMember(server.db, { seminarId: b.id, userId: ub.id });
    // Both seminars write about the same rare word.
    const ca = new Client(server.url);
    await ca.signIn(E.a, password);
    const cb = new Client(server.url);
    await cb.signIn(E.b, password);
    await ca.post("/s/sem-a/wiki/zebrafish-a/edit", { intent: "save", title: "Zebrafish in A", body: "The zebrafish protocol of seminar A.", note: "", baseRevision: "0" });
    await cb.post("/s/sem-b/wiki/zebrafish-b/edit", { intent: "save", title: "Zebrafish in B", body: "Secret zebrafish notes of seminar B.", note: "", baseRevision: "0" });
    await cb.post("/s/sem-b/blog/new", { intent: "publish", title: "B's zebrafish post", body: "zebrafish", tags: "" });
    await ca.post("/s/sem-a/blog/new", { intent: "draft", title: "Draft about zebrafish", body: "unpublished zebrafish thoughts", tags: "" });
    await ca.post("/s/sem-a/blog/new", { intent: "publish", title: "Published in A", body: "Plain words.", tags: "" });
    postA = server.db.select().from(schema.blogPosts).all().at(-1)!.id;
    await ca.post(`/s/sem-a/blog/${postA}`, { intent: "comment", formKey: "new", body: "A zebrafish comment that will be removed." });
  });
  afterAll(async () => server?.stop());

  async function as(email: string) {
    const c = new Client(server.url);
    await c.signIn(email, password);
    return c;
  }
  /** The page's main text as a reader sees it (tags and React's markers removed). */
  const shown = async (res: Response) => {
    const html = await res.text();
    return html
      .slice(html.indexOf("<main"), html.indexOf("</main>"))
      .replace(/<[^>]+>/g, "")
      .replace(/&#x27;/g, "'");
  };

  it("global and per-seminar search show only the viewer's seminars, with highlighted snippets", async () => {
    const a = await as(E.a);
    const raw = await (await a.get("/search?q=zebrafish")).text();
    expect(raw).toContain("<mark>zebrafish</mark>");
    const html = await shown(await a.get("/search?q=zebrafish"));
    expect(html).toContain("Zebrafish in A");
    expect(html).not.toContain("Zebrafish in B");
    expect(html).not.toContain("Secret");
    expect(html).not.toContain("B's zebrafish post");
    expect(html).not.toContain("Draft about zebrafish");
    const inA = await shown(await a.get("/s/sem-a/search?q=zebrafish"));
    expect(inA).toContain("Zebrafish in A");
    expect(inA).not.toContain("Zebrafish in B");
    // Another seminar's search page is the same 404 as a seminar that does not exist.
    expect((await a.get("/s/sem-b/search?q=zebrafish")).status).toBe(404);
    // Data requests (single fetch) obey the same rules.
    const dataRes = await a.get("/search.data?q=secret");
    expect(await dataRes.text()).not.toContain("Secret zebrafish");
  });

  it("FTS syntax in the query cannot widen the scope", async () => {
    const a = await as(E.a);
    const sem = server.db.select().from(schema.seminars).all().find((s) => s.slug === "sem-b")!;
    for (const q of [`scope:s${sem.id}`, `s${sem.id}`, `zebrafish OR scope:s${sem.id}`, `") OR ("secret`, "NEAR(secret zebrafish)", "*", '"']) {
      const res = await a.get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(await res.text(), q).not.toContain("Secret");
    }
  });

  it("removed comments and instructors-only documents are not found by those who may not see them", async () => {
    const a = await as(E.a);
    const teacher = await as(E.teacher);
    expect(await shown(await a.get("/search?q=removed"))).toContain("A zebrafish comment that will be removed");
    const c = server.db.select().from(schema.comments).all().at(-1)!;
    await teacher.post(`/s/sem-a/blog/${postA}`, { intent: "remove-comment", commentId: String(c.id) });
    expect(await shown(await a.get("/search?q=removed"))).not.toContain("will be removed");

    // An instructors-only document (as materials may add): the instructor finds it, the attendee does not.
    const semA = server.db.select().from(schema.seminars).all().find((s) => s.slug === "sem-a")!;
    const doc = server.db
      .insert(schema.searchDocuments)
      .values({ kind: "material", refId: 777, seminarId: semA.id, audience: "instructors", title: "Answer key", path: "materials", updatedAt: new Date() })
      .returning()
      .get();
    server.db.$client.prepare("insert into search_fts(rowid, scope, title, body) values (?, ?, ?, ?)").run(doc.id, `i${semA.id}`, "Answer key", "solutions");
    expect(await shown(await teacher.get("/s/sem-a/search?q=solutions"))).toContain("Answer key");
    expect(await shown(await a.get("/s/sem-a/search?q=solutions"))).not.toContain("Answer key");
    expect(await shown(await a.get("/search?q=solutions"))).not.toContain("Answer key");
  });

  it("deleting a post takes it out of search", async () => {
    const b = await as(E.b);
    expect(await shown(await b.get("/search?q=zebrafish"))).toContain("Blog post · Seminar B");
    const post = server.db.select().from(schema.blogPosts).all().find((p) => p.title === "B's zebrafish post")!;
    await b.post(`/s/sem-b/blog/${post.id}/edit`, { intent: "delete" });
    const after = await shown(await b.get("/search?q=zebrafish"));
    expect(after).toContain("Wiki page · Seminar B");
    expect(after).not.toContain("Blog post · Seminar B");
  });
});
