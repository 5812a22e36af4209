// Full-text search over real HTTP: ranked, highlighted, and never anything from a seminar the viewer is not in,
// a draft, a removed comment or an instructors-only document. Also the index mechanics (triggers, materials).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/models/db.server";
import type { DB } from "~/models/db.server";
import { indexDocument, search, toMatchExpression, type SearchScope } from "~/models/search.server";
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
    expect(r.hits.map((h) => h.title.join(""))).toEqual(["Retention schedules", "Handout on retention", "Misc"]);
    expect(r.hits[0]!.title).toEqual(["", "Retention", " schedules"]);
    expect(r.hits.find((h) => h.kind === "material")!.href).toMatch(/^\/s\/idx\/materials\/\d+$/);
    // Porter stemming: "schedule" finds "schedules".
    expect(search({ q: "schedule", scope }).hits.length).toBe(2);
    // A document without a body has no snippet (the page then shows none).
    indexDocument({ kind: "wiki", id: 9003, seminarId: s.id, title: "Zeppelin", body: "" });
    expect(search({ q: "zeppelin", scope }).hits.map((h) => [h.title, h.snippet])).toEqual([[["", "Zeppelin"], []]]);
    db().delete(schema.materials).run();
    expect(search({ q: "handout", scope }).hits).toEqual([]);
    db().delete(schema.seminars).where(eq(schema.seminars.id, s.id)).run();
    expect(db().$client.prepare("select count(*) as n from search_fts").get()).toEqual({ n: 0 });
  });
});

/**
 * A word in more than 20,000 documents (the "very common" threshold): the old 20,000 in seminar `a` have it only in
 * their bodies; then, newest last, 600 visible ones where every third title has it (and every third a look-alike,
 * "Loreal", that only a prefix test would take for it), plus instructor-only and other-seminar documents with it in
 * the title. "number" is very common too, but in only six titles ("Number 100" … "Number 600").
 */
function indexCommonWord(conn: DB, { a, b }: { a: number; b: number }) {
  conn.$client.transaction(() => {
    const doc = conn.$client.prepare(
      "INSERT INTO search_documents (kind, ref_id, seminar_id, audience, title, path, updated_at) VALUES ('wiki', ?, ?, ?, ?, ?, 0)",
    );
    const fts = conn.$client.prepare("INSERT INTO search_fts (rowid, scope, title, body) VALUES (?, ?, ?, ?)");
    const add = (ref: number, seminarId: number, audience: "members" | "instructors", title: string, body: string) => {
      const id = doc.run(ref, seminarId, audience, title, `wiki/p${ref}`).lastInsertRowid;
      fts.run(id, `${audience === "instructors" ? "i" : "s"}${seminarId}`, title, body);
    };
    for (let i = 1; i <= 20_000; i++) add(100_000 + i, a, "members", `Old notes ${i}`, `Older text with lorem number ${i}.`);
    for (let i = 1; i <= 600; i++) {
      const title = ["Lorem", "Loreal", "Plain"][i % 3]!;
      add(200_000 + i, a, "members", `${title} note ${i}`, i % 3 === 1 ? `Body only lorem ${i}.` : `Text about lorem, number ${i}.`);
      if (i % 10 === 0) add(300_000 + i, a, "instructors", `Lorem answer key ${i}`, "Solutions with lorem.");
      if (i % 10 === 5) add(400_000 + i, b, "members", `Lorem elsewhere ${i}`, "Another seminar's lorem.");
      if (i % 100 === 0) add(500_000 + i, a, "members", `Number ${i}`, "A title with a number.");
    }
  })();
}

describe("search for very common words (model)", () => {
  const text = (segments: string[]) => segments.join("");
  const marks = (segments: string[]) => segments.filter((_, i) => i % 2 === 1);
  let scope: SearchScope;
  let teacherScope: SearchScope;
  beforeAll(() => {
    const a = createSeminar(db(), { slug: "common-a", title: "Common A" });
    const b = createSeminar(db(), { slug: "common-b", title: "Common B" });
    indexCommonWord(db(), { a: a.id, b: b.id });
    scope = { seminars: [{ id: a.id, slug: a.slug, title: a.title, canManage: false }] };
    teacherScope = { seminars: [{ ...scope.seminars[0]!, canManage: true }] };
  });

  it("puts title matches first, newest first, with highlighted titles and snippets, and no look-alikes", () => {
    const r = search({ q: "lorem", scope });
    expect(r.hits.map((h) => text(h.title))).toEqual(Array.from({ length: 20 }, (_, k) => `Lorem note ${600 - 3 * k}`));
    for (const h of r.hits) {
      expect(marks(h.title)).toEqual(["Lorem"]);
      expect(marks(h.snippet)).toEqual(["lorem"]);
      expect(h.seminar.title).toBe("Common A");
    }
    // Enough title matches were found among the newest: the page is decided without counting further.
    expect(r).toMatchObject({ partial: true, hasNext: true, page: 1 });
    // Page 2 goes on where page 1 stopped.
    expect(search({ q: "lorem", scope, page: 2 }).hits.map((h) => text(h.title))[0]).toBe("Lorem note 540");
  });

  it("after the title matches come the newest others, with snippets, up to the newest 500 matches", () => {
    // The newest 500 visible matches hold 167 title matches (600, 597, ..., 102): pages 1-8 and 7 on page 9.
    const p9 = search({ q: "lorem", scope, page: 9 });
    expect(p9.hits.map((h) => text(h.title))).toEqual([
      ...[120, 117, 114, 111, 108, 105, 102].map((n) => `Lorem note ${n}`),
      ...[599, 598, 596, 595, 593, 592, 590, 589, 587, 586, 584, 583, 581].map((n) => `${n % 3 === 1 ? "Loreal" : "Plain"} note ${n}`),
    ]);
    expect(marks(p9.hits[7]!.title)).toEqual([]);
    expect(marks(p9.hits[7]!.snippet)).toEqual(["lorem"]);
    const last = search({ q: "lorem", scope, page: 25 });
    expect(last).toMatchObject({ page: 25, considered: 500, more: true, partial: false, hasNext: false });
    expect(last.hits).toHaveLength(20);
    // Pages beyond the window show its last page.
    expect(search({ q: "lorem", scope, page: 40 }).page).toBe(25);
  });

  it("a page with fewer title matches than it holds goes on with the newest others", () => {
    const r = search({ q: "number", scope });
    const titles = r.hits.map((h) => text(h.title));
    expect(titles.slice(0, 6)).toEqual([600, 500, 400, 300, 200, 100].map((n) => `Number ${n}`));
    expect(titles.slice(6, 9)).toEqual(["Lorem note 600", "Plain note 599", "Lorem note 597"]);
    for (const h of r.hits) expect(marks(h.snippet)).toEqual(["number"]);
    expect(r).toMatchObject({ considered: 500, more: true, partial: false, hasNext: true });
  });

  it("never shows another seminar's or instructor-only documents to a member; instructors see theirs", () => {
    const seen = Array.from({ length: 25 }, (_, i) => search({ q: "lorem", scope, page: i + 1 }).hits).flat();
    expect(seen).toHaveLength(500);
    expect(seen.filter((h) => /answer key|elsewhere/.test(text(h.title)))).toEqual([]);
    const teacher = search({ q: "lorem", scope: teacherScope });
    expect(teacher.hits.map((h) => text(h.title)).slice(0, 6)).toEqual([
      "Lorem answer key 600",
      "Lorem note 600",
      "Lorem note 597",
      "Lorem note 594",
      "Lorem note 591",
      "Lorem answer key 590",
    ]);
    expect(teacher.hits.some((h) => /elsewhere/.test(text(h.title)))).toBe(false);
  });

  it("a member of many seminars (visibility by join) gets the same kind of page", () => {
    const many: SearchScope = {
      seminars: [...scope.seminars, ...Array.from({ length: 45 }, (_, i) => ({ id: 90_000 + i, slug: `none-${i}`, title: "None", canManage: false }))],
    };
    const r = search({ q: "lorem", scope: many });
    expect(r.hits).toHaveLength(20);
    expect(r.hits.every((h) => h.seminar.title === "Common A" && !/answer key|elsewhere/.test(text(h.title)))).toBe(true);
    expect(text(r.hits[0]!.title)).toBe("Lorem note 600");
    expect(marks(r.hits[0]!.title)).toEqual(["Lorem"]);
    expect(r.hasNext).toBe(true);
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

  it("a very common word: a page of title matches without counting them all, then the newest 500 at most", async () => {
    const [a, b] = ["sem-a", "sem-b"].map((slug) => server.db.select().from(schema.seminars).all().find((s) => s.slug === slug)!);
    indexCommonWord(server.db, { a: a!.id, b: b!.id });
    const member = await as(E.a);
    const first = await shown(await member.get("/search?q=lorem"));
    expect(first).toContain("Many results for “lorem”");
    expect(first).toContain("Lorem note 600");
    expect(first).toContain("More results");
    expect(first).not.toMatch(/answer key|elsewhere|Loreal/);
    const raw = await (await member.get("/search?q=lorem")).text();
    expect(raw).toContain("<mark>Lorem</mark> note 600");
    const last = await shown(await member.get("/search?q=lorem&page=25"));
    expect(last).toContain("Over 500 results for “lorem”");
    expect(last).toContain("Previous results");
    expect(last).not.toContain("More results");
    expect(last).not.toMatch(/answer key|elsewhere/);
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
