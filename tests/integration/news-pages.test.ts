// The news pages over real HTTP against the production build (issue #7): who may see and change what, OPML import
// and export, filters, approval, seminar topics and member blogs.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { newsSources } from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";

function feedXml(prefix: string, n = 2) {
  const items = Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.now() - (i + 1) * 3600_000).toUTCString();
    return `<item><title>${prefix} headline ${i + 1}</title><link>https://${prefix.toLowerCase()}.example.org/${i + 1}</link><pubDate>${at}</pubDate><description>&lt;p&gt;${prefix} summary ${i + 1}&lt;/p&gt;</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${prefix} Law News</title><link>https://${prefix.toLowerCase()}.example.org/</link>${items.join("")}</channel></rss>`;
}

describe("news pages", () => {
  let server: TestServer;
  let feeds: http.Server;
  let origin = "";
  let seminarA: { id: number; slug: string };
  let seminarB: { id: number; slug: string };
  const c = {} as Record<"admin" | "instructor" | "attendee" | "outsider", Client>;

  beforeAll(async () => {
    feeds = http.createServer((req, res) => {
      const m = /^\/(\w+)\/feed$/.exec(req.url ?? "");
      if (m) res.writeHead(200, { "Content-Type": "application/rss+xml" }).end(feedXml(m[1]!));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => feeds.listen(0, "127.0.0.1", r));
    const port = (feeds.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    server = await startTestServer({ label: "news-pages", env: { FEED_ALLOWED_HOSTS: `127.0.0.1:${port}` } });
    seminarA = createSeminar(server.db, { slug: "news-a", title: "Seminar A" });
    seminarB = createSeminar(server.db, { slug: "news-b", title: "Seminar B" });
    const admin = await createUser(server.db, { email: "admin.news@example.com", role: "admin", name: "Ada Admin" });
    const instructor = await createUser(server.db, { email: "inst.news@example.com", name: "Ivan Instructor" });
    const attendee = await createUser(server.db, { email: "att.news@example.com", name: "Bea Blogger" });
    await createUser(server.db, { email: "out.news@example.com" });
    addMember(server.db, { seminarId: seminarA.id, userId: instructor.id, role: "instructor" });
    addMember(server.db, { seminarId: seminarA.id, userId: attendee.id, role: "attendee" });
    for (const [k, email] of [
      ["admin", "admin.news@example.com"],
      ["instructor", "inst.news@example.com"],
      ["attendee", "att.news@example.com"],
      ["outsider", "out.news@example.com"],
    ] as const) {
      c[k] = new Client(server.url);
      await c[k].signIn(email, PASSWORD);
    }
  });
  afterAll(async () => {
    await server?.stop();
    feeds?.closeAllConnections();
    await new Promise<void>((r) => (feeds ? feeds.close(() => r()) : r()));
  });

  it("guards every page: sign-in, seminar membership (404), instructor role (403), admin role (403)", async () => {
    const anon = new Client(server.url);
    const r = await anon.get("/news");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/login?redirectTo=%2Fnews");
    expect((await c.outsider.get(`/s/${seminarA.slug}/news`)).status).toBe(404);
    expect((await c.outsider.get(`/s/${seminarA.slug}/news/sources`)).status).toBe(404);
    expect((await c.attendee.get(`/s/${seminarA.slug}/news`)).status).toBe(200);
    expect((await c.attendee.get(`/s/${seminarA.slug}/news/sources`)).status).toBe(403);
    expect((await c.attendee.post(`/s/${seminarA.slug}/news/sources`, { intent: "add", url: `${origin}/x/feed` })).status).toBe(403);
    expect((await c.instructor.get(`/s/${seminarB.slug}/news/sources`)).status).toBe(404);
    expect((await c.attendee.get("/admin/news")).status).toBe(403);
    expect((await c.attendee.get("/admin/news/opml")).status).toBe(403);
    expect(server.db.select().from(newsSources).all()).toEqual([]);
  });

  it("an admin imports the default OPML, sees a friendly 'not fetched yet', and exports OPML again", async () => {
    const opml = fs.readFileSync("content/news/default-sources.opml");
    const body = new FormData();
    body.set("intent", "import");
    body.set("opml", new Blob([opml], { type: "text/x-opml" }), "default-sources.opml");
    const res = await c.admin.fetch("/admin/news", { method: "POST", body, headers: { Origin: server.origin } });
    expect(res.status).toBe(302);
    const page = await (await c.admin.get("/admin/news")).text();
    expect(page).toMatch(/Imported 15 sources \(0 already listed\)/);
    for (const name of ["ABA Journal", "JURIST", "SCOTUSblog", "Above the Law", "Law.com"]) expect(page).toContain(name);
    expect(page).toContain("Not fetched yet");
    // Stop the background job from trying the real internet for the rest of this test file.
    server.db.update(newsSources).set({ nextFetchAt: new Date(Date.now() + 86400_000) }).run();
    const news = await (await c.attendee.get("/news")).text();
    expect(news).toContain("The news sources have not been fetched yet.");

    const again = await c.admin.fetch("/admin/news", { method: "POST", body, headers: { Origin: server.origin } });
    expect(again.status).toBe(302);
    expect(await (await c.admin.get("/admin/news")).text()).toMatch(/Imported 0 sources \(15 already listed\)/);

    const exported = await c.admin.get("/admin/news/opml");
    expect(exported.headers.get("content-type")).toContain("text/x-opml");
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="colloquy-news-sources-/);
    const xml = await exported.text();
    expect(xml).toContain('xmlUrl="https://www.scotusblog.com/feed/"');
    expect(xml).toContain('category="united states,supreme court,courts,litigation"');

    const bad = new FormData();
    bad.set("intent", "import");
    bad.set("opml", new Blob(['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><opml/>']), "evil.opml");
    const refused = await c.admin.fetch("/admin/news", { method: "POST", body: bad, headers: { Origin: server.origin } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The OPML file declares XML entities");
  });

  it("filters the network news by source and topic; items of a source that requires approval wait for an admin", async () => {
    for (const [name, tags, approval] of [
      ["Alpha", "privacy", ""],
      ["Beta", "litigation", ""],
      ["Gamma", "privacy", "on"],
    ] as const) {
      const r = await c.admin.post("/admin/news", { intent: "add", url: `${origin}/${name}/feed`, name: `${name} Reporter`, tags, requiresApproval: approval });
      expect(r.status).toBe(302);
    }
    const all = await (await c.attendee.get("/news")).text();
    expect(all).toContain("Alpha headline 1");
    expect(all).toContain("Beta headline 2");
    expect(all).not.toContain("Gamma headline");
    expect(all).toContain('rel="nofollow noopener noreferrer"');
    const privacy = await (await c.attendee.get("/news?tag=privacy")).text();
    expect(privacy).toContain("Alpha headline 1");
    expect(privacy).not.toContain("Beta headline");
    const beta = server.db.select().from(newsSources).where(eq(newsSources.name, "Beta Reporter")).get()!;
    const onlyBeta = await (await c.attendee.get(`/news?source=${beta.id}`)).text();
    expect(onlyBeta).toContain("Beta headline 1");
    expect(onlyBeta).not.toContain("Alpha headline");
    // Nonsense in the query string is ignored, not an error.
    expect((await c.attendee.get("/news?source=abc&cursor=%27%3B--&tag=<script>")).status).toBe(200);

    const admin = await (await c.admin.get("/admin/news")).text();
    expect(admin).toContain("Waiting for approval (2)");
    const gamma = server.db.select().from(newsSources).where(eq(newsSources.name, "Gamma Reporter")).get()!;
    const item = server.db.$client
      .prepare("select item_id as id from news_item_sources where source_id = ? and approval = 'pending' order by item_id limit 1")
      .get(gamma.id) as { id: number };
    expect((await c.attendee.post("/admin/news", { intent: "decide", sourceId: String(gamma.id), itemId: String(item.id), decision: "approved" })).status).toBe(403);
    const ok = await c.admin.post("/admin/news", { intent: "decide", sourceId: String(gamma.id), itemId: String(item.id), decision: "approved" });
    expect(ok.status).toBe(302);
    const after = await (await c.attendee.get("/news")).text();
    expect(after).toContain("Gamma headline 1");
    expect(after).not.toContain("Gamma headline 2");
  });

  it("a seminar shows its topics' network sources plus its own; instructors cannot touch another seminar's sources", async () => {
    const set = await c.instructor.post(`/s/${seminarA.slug}/news/sources`, { intent: "topics", topics: "Litigation" });
    expect(set.status).toBe(302);
    // A bad address is refused next to its field, the rest of the input kept, and nothing saved.
    const before = server.db.select().from(newsSources).all().length;
    const refused = await c.instructor.post(`/s/${seminarA.slug}/news/sources`, { intent: "add", url: "ftp.example.org/feed", name: "Kept Name", tags: "" });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("Enter the full feed address, starting with https:// or http://.");
    expect(refusedHtml).toContain('value="Kept Name"');
    expect(server.db.select().from(newsSources).all()).toHaveLength(before);
    const add = await c.instructor.post(`/s/${seminarA.slug}/news/sources`, { intent: "add", url: `${origin}/Delta/feed`, name: "", tags: "" });
    expect(add.status).toBe(302);
    const news = await (await c.attendee.get(`/s/${seminarA.slug}/news`)).text();
    expect(news).toContain("Beta headline 1");
    expect(news).toContain("Delta headline 1");
    expect(news).not.toContain("Alpha headline");
    expect(news).toContain("Legal news on litigation");
    // Left unnamed, a source takes the feed's own title.
    expect(news).toContain("Delta Law News");

    // Seminar B's own source: instructors of A cannot remove or refresh it through A's page.
    const b = createSeminar(server.db, { slug: "news-c", title: "Seminar C" });
    const foreign = server.db
      .insert(newsSources)
      .values({ url: `${origin}/Omega/feed`, name: "Omega", scope: "seminar", scopeKey: `seminar:${b.id}`, seminarId: b.id, nextFetchAt: new Date(Date.now() + 86400_000) })
      .returning()
      .get();
    for (const intent of ["remove", "refresh"]) {
      const r = await c.instructor.post(`/s/${seminarA.slug}/news/sources`, { intent, sourceId: String(foreign.id) });
      expect(r.status).toBe(404);
    }
    // Network sources are not the instructor's to remove either.
    const alpha = server.db.select().from(newsSources).where(eq(newsSources.name, "Alpha Reporter")).get()!;
    expect((await c.instructor.post(`/s/${seminarA.slug}/news/sources`, { intent: "remove", sourceId: String(alpha.id) })).status).toBe(404);
    expect(server.db.select().from(newsSources).where(eq(newsSources.id, foreign.id)).get()).toBeTruthy();
    expect(server.db.select().from(newsSources).where(eq(newsSources.id, alpha.id)).get()).toBeTruthy();
  });

  it("a member registers their blog; the member blogs page gathers its posts under their name", async () => {
    const bad = await c.attendee.post("/news/member-blogs", { intent: "save", url: "http://127.0.0.1:9/feed", name: "Loopback" });
    expect(bad.status).toBe(302);
    const refusedPage = await (await c.attendee.get("/news/member-blogs")).text();
    expect(refusedPage).toContain("which the portal does not fetch from");
    const r = await c.attendee.post("/news/member-blogs", { intent: "save", url: `${origin}/Blogger/feed`, name: "Bea's Privacy Notes" });
    expect(r.status).toBe(302);
    const page = await (await c.outsider.get("/news/member-blogs")).text();
    expect(page).toContain("Blogger headline 1");
    expect(page).toContain("Bea&#x27;s Privacy Notes");
    expect(page).toContain("Bea Blogger");
    expect(server.db.select().from(newsSources).where(eq(newsSources.scope, "member-blog")).all()).toHaveLength(1);
    const gone = await c.attendee.post("/news/member-blogs", { intent: "remove" });
    expect(gone.status).toBe(302);
    expect(await (await c.outsider.get("/news/member-blogs")).text()).not.toContain("Blogger headline 1");
  });
});
