// Issue #20: the library and shared bookmarks. In process: PDF text found through the one index, features, a new
// version alerting followers through notify(), who may see which bookmark (lists, pages, counts, search), the
// Netscape format both ways. Over HTTP against the production build: uploading a PDF, the guards, the 404 of a
// seminar-only bookmark for a non-member, and export then import.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import {
  exportNetscape,
  getBookmarkForViewer,
  listBookmarks,
  mostSavedThisWeek,
  parseNetscape,
  saveBookmark,
  whoElseSaved,
  bookmarkKind,
} from "~/models/bookmarks.server";
import { db } from "~/models/db.server";
import { canSee } from "~/models/items.server";
import {
  addDocumentVersion,
  createDocument,
  listDocuments,
  listFeaturedDocuments,
  parseLibraryQuery,
  setFeatured,
  setFollowing,
  type DocumentInput,
} from "~/models/library.server";
import { search, searchScopeForUser } from "~/models/search.server";
import { runDueJobs } from "~/services/jobs.server";
import "~/services/tasks.server"; // the one registry: the library.extract job handler
import { storeGeneratedFile } from "~/services/uploads.server";
import { FIXTURES } from "../helpers/fixtures";
import { Client } from "../helpers/http";
import { makePdf } from "../helpers/make-pdf";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
const PDF = fs.readFileSync(path.join(FIXTURES, "library", "data-retention-act.pdf"));

async function stored(bytes: Buffer, fileName: string, contentType = "application/pdf") {
  const storedName = await storeGeneratedFile("materials", bytes);
  return { storedName, fileName, contentType, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const docInput = (over: Partial<DocumentInput> = {}): DocumentInput => ({
  title: "Data Retention Act",
  kind: "statute",
  jurisdiction: "Germany",
  areas: "Privacy, Data protection",
  dated: "2024-05-01",
  citation: "DRA §§ 4–5",
  description: "Retention periods and erasure.",
  asOf: "2026-11-01",
  ...over,
});

const hitsFor = (userId: number, q: string) =>
  search({ q, scope: searchScopeForUser({ userId }) }).hits.map((h) => ({ kind: h.kind, href: h.href }));

describe("library and bookmarks in process", () => {
  it("finds a PDF by a word inside it once its text is read, for any member; features it in a seminar", async () => {
    const staff = await createUser(db(), { name: "Stella Staff", email: "stella@example.com", role: "admin" });
    const loner = await createUser(db(), { name: "Lone Member", email: "lone@example.com" });
    const doc = createDocument({ actorId: staff.id, input: docInput(), file: await stored(PDF, "dra.pdf") });
    // By its title at once; by the text inside after the background job.
    expect(hitsFor(loner.id, "pseudonymisation")).toEqual([]);
    expect(listDocuments(parseLibraryQuery(new URL("http://x/library?q=retention"))).documents.map((d) => d.id)).toEqual([doc.id]);
    await runDueJobs({ budgetMs: 20_000 });
    const version = db().select().from(schema.libraryVersions).where(eq(schema.libraryVersions.documentId, doc.id)).get()!;
    expect(version.textStatus).toBe("done");
    expect(version.text).toContain("Pseudonymisation shall be applied");
    expect(hitsFor(loner.id, "pseudonymisation")).toEqual([{ kind: "document", href: `/library/${doc.id}` }]);
    const q = (s: string) => listDocuments(parseLibraryQuery(new URL(`http://x/library?${s}`))).documents.map((d) => d.title);
    expect(q("q=archived+records")).toEqual(["Data Retention Act"]);
    expect(q("q=archived&kind=opinion")).toEqual([]);
    expect(q("area=privacy&jurisdiction=Germany&from=2024-01-01&to=2024-12-31")).toEqual(["Data Retention Act"]);
    expect(q("to=2023-12-31")).toEqual([]);

    const seminar = createSeminar(db(), { title: "Privacy Seminar" });
    setFeatured({ seminarId: seminar.id, documentId: doc.id, actorId: staff.id, featured: true });
    expect(listFeaturedDocuments({ seminarId: seminar.id }).map((d) => d.title)).toEqual(["Data Retention Act"]);
    const counted = db().select().from(schema.memberDailyCounts).where(eq(schema.memberDailyCounts.userId, staff.id)).all();
    expect(counted.map((c) => c.counter).sort()).toEqual(["document.added", "document.featured"]);
  });

  it("a hostile PDF fails extraction quietly and the document stays findable by its title", async () => {
    const staff = await createUser(db(), { name: "Sid Staff", email: "sid@example.com", role: "admin" });
    const bad = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4096, 0x41), Buffer.from("\n1 0 obj << /Length 99999999 >> stream\n")]);
    const doc = createDocument({ actorId: staff.id, input: docInput({ title: "Broken Opinion Scan" }), file: await stored(bad, "broken.pdf") });
    await runDueJobs({ budgetMs: 20_000 });
    const version = db().select().from(schema.libraryVersions).where(eq(schema.libraryVersions.documentId, doc.id)).get()!;
    expect(version.textStatus).toBe("failed");
    expect(hitsFor(staff.id, "broken opinion").map((h) => h.href)).toEqual([`/library/${doc.id}`]);
  });

  it("a new version alerts followers (not others, not the uploader) through notify()", async () => {
    const staff = await createUser(db(), { name: "Uma Uploader", email: "uma@example.com", role: "admin" });
    const fan = await createUser(db(), { name: "Fiona Follower", email: "fiona@example.com" });
    const bystander = await createUser(db(), { name: "Bea Bystander", email: "bea@example.com" });
    const doc = createDocument({ actorId: staff.id, input: docInput({ title: "Employment Contract Template", kind: "form" }), file: await stored(PDF, "t.pdf") });
    setFollowing({ documentId: doc.id, userId: fan.id, follow: true });
    setFollowing({ documentId: doc.id, userId: staff.id, follow: true });
    addDocumentVersion({
      document: doc,
      actorId: staff.id,
      actorName: staff.name,
      input: { asOf: "2026-12-01", note: "Updated notice periods" },
      file: await stored(makePdf(["Employment Contract Template", "Notice period: three months."]), "t2.pdf"),
    });
    const rows = db().select().from(schema.notifications).where(eq(schema.notifications.refId, doc.id)).all();
    expect(rows.map((r) => [r.userId, r.event, r.refKind])).toEqual([[fan.id, "document.version", "document"]]);
    expect(rows[0]!.summary).toContain("version 2 of “Employment Contract Template”");
    void bystander;
  });

  it("a seminar-only bookmark never shows to a non-member: list, page, counts, search, most saved", async () => {
    const ann = await createUser(db(), { name: "Ann Insider", email: "ann@example.com" });
    const bob = await createUser(db(), { name: "Bob Insider", email: "bob@example.com" });
    const out = await createUser(db(), { name: "Olga Outsider", email: "olga@example.com" });
    const s = createSeminar(db(), { title: "Closed Circle" });
    addMember(db(), { seminarId: s.id, userId: ann.id, role: "attendee" });
    addMember(db(), { seminarId: s.id, userId: bob.id, role: "attendee" });
    const url = "https://example.org/secret-memo";
    const a = saveBookmark({ viewer: ann, input: { url, title: "Secret memo", note: "**zanzibar** <script>alert(1)</script>", tags: "memo", visibility: "seminar", seminarId: s.id } });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.bookmark.noteHtml).not.toContain("<script");
    saveBookmark({ viewer: bob, input: { url: `${url}#part-2`, title: "Memo", note: "", tags: "", visibility: "seminar", seminarId: s.id } });
    // Olga saves the same link herself: she sees only her own.
    saveBookmark({ viewer: out, input: { url, title: "A memo", note: "", tags: "", visibility: "network" } });

    expect(getBookmarkForViewer({ viewer: out, id: a.bookmark.id })).toBeNull();
    expect(getBookmarkForViewer({ viewer: bob, id: a.bookmark.id })?.title).toBe("Secret memo");
    expect(canSee(out, { kind: "bookmark", id: a.bookmark.id })).toBe(false);
    expect(bookmarkKind.visibleIds(bob, [a.bookmark.id]).has(a.bookmark.id)).toBe(true);
    expect(listBookmarks({ viewer: out, query: { tag: "", page: 1 } }).bookmarks.map((b) => b.title)).toEqual(["A memo"]);
    expect(listBookmarks({ viewer: out, query: { tag: "memo", page: 1 } }).bookmarks).toEqual([]);
    expect(whoElseSaved({ viewer: out, target: url })).toEqual({ count: 0, people: [] });
    expect(whoElseSaved({ viewer: bob, target: url }).people.map((p) => p.name).sort()).toEqual(["Ann Insider", "Olga Outsider"]);
    expect(hitsFor(out.id, "zanzibar")).toEqual([]);
    expect(hitsFor(bob.id, "zanzibar").map((h) => h.href)).toEqual([`/bookmarks/${a.bookmark.id}`]);
    expect(mostSavedThisWeek({ viewer: bob, seminarId: s.id })[0]).toMatchObject({ count: 2 });
    expect(mostSavedThisWeek({ viewer: out, seminarId: s.id })).toEqual([]);
    // Only http(s).
    expect(saveBookmark({ viewer: out, input: { url: "javascript:alert(1)", title: "x", note: "", tags: "", visibility: "private" } })).toMatchObject({ ok: false });
    // Sharing with a seminar one is not in is refused.
    expect(saveBookmark({ viewer: out, input: { url: "https://a.example/", title: "x", note: "", tags: "", visibility: "seminar", seminarId: s.id } })).toMatchObject({
      ok: false,
      field: "seminarId",
    });
  });

  it("a network bookmark of a seminar's post shows only to those who may see the post", async () => {
    const author = await createUser(db(), { name: "Paul Poster", email: "paul@example.com" });
    const out = await createUser(db(), { name: "Nina Nonmember", email: "nina@example.com" });
    const s = createSeminar(db(), { title: "Walled Seminar" });
    addMember(db(), { seminarId: s.id, userId: author.id, role: "attendee" });
    const post = db()
      .insert(schema.blogPosts)
      .values({ seminarId: s.id, authorId: author.id, title: "Inside tips", bodyMd: "x", bodyHtml: "<p>x</p>", status: "published", publishedAt: new Date(), updatedAt: new Date() })
      .returning()
      .get();
    const r = saveBookmark({ viewer: author, input: { ref: `post:${post.id}`, title: "Inside tips", note: "", tags: "", visibility: "network" } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(getBookmarkForViewer({ viewer: author, id: r.bookmark.id })?.href).toBe(`/s/${s.slug}/blog/${post.id}`);
    expect(getBookmarkForViewer({ viewer: out, id: r.bookmark.id })).toBeNull();
    expect(listBookmarks({ viewer: out, query: { tag: "", member: author.id, page: 1 } }).bookmarks).toEqual([]);
    // And nobody saves an item they cannot see.
    expect(saveBookmark({ viewer: out, input: { ref: `post:${post.id}`, title: "x", note: "", tags: "", visibility: "private" } })).toMatchObject({ ok: false });
  });

  it("exports the Netscape format and reads it back; refuses scripts, skips other schemes", async () => {
    const u = await createUser(db(), { name: "Eve Exporter", email: "eve@example.com" });
    saveBookmark({ viewer: u, input: { url: "https://law.example/a?x=1&y=2", title: "A & B <case>", note: "Read *first*", tags: "cases, eu", visibility: "private" } });
    const html = exportNetscape({ viewer: u });
    expect(html).toMatch(/^<!DOCTYPE NETSCAPE-Bookmark-file-1>/);
    expect(html).toContain('HREF="https://law.example/a?x=1&amp;y=2"');
    expect(html).toContain("A &amp; B &lt;case&gt;");
    const back = parseNetscape(html);
    expect(back).toEqual({ ok: true, skipped: 0, links: [{ url: "https://law.example/a?x=1&y=2", title: "A & B <case>", note: "Read *first*", tags: ["cases", "eu"] }] });

    const browserFile = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p>
  <DT><H3>Bookmarks bar</H3>
  <DL><p>
    <DT><H3>Court Opinions</H3>
    <DL><p>
      <DT><A HREF="https://courts.example/op/1" ADD_DATE="1700000000">Opinion 1</A>
      <DT><A HREF="javascript:alert(1)">Evil</A>
      <DT><A HREF="ftp://files.example/x">FTP</A>
    </DL><p>
    <DT><A HREF="https://news.example/">News</A>
  </DL><p>
</DL><p>`;
    const parsed = parseNetscape(browserFile);
    expect(parsed).toEqual({
      ok: true,
      skipped: 2,
      links: [
        { url: "https://courts.example/op/1", title: "Opinion 1", note: "", tags: ["court", "opinions"] },
        { url: "https://news.example/", title: "News", note: "", tags: [] },
      ],
    });
    expect(parseNetscape(`${browserFile}<script>alert(1)</script>`)).toMatchObject({ ok: false });
    expect(parseNetscape('<DT><A HREF="https://x.example/" onclick="alert(1)">x</A>')).toMatchObject({ ok: false });
    expect(parseNetscape("x".repeat(3 * 1024 * 1024))).toMatchObject({ ok: false, error: expect.stringContaining("2 MB") });
  });
});

describe("library and bookmarks over HTTP", () => {
  let server: TestServer;
  let staff: Client;
  let member: Client;
  let outsider: Client;
  let seminarSlug: string;
  let seminarId: number;

  beforeAll(async () => {
    server = await startTestServer({ label: "library" });
    await createUser(server.db, { email: "staff@example.com", name: "Stan Staff", password: PASSWORD, role: "admin" });
    const m = await createUser(server.db, { email: "member@example.com", name: "Mia Member", password: PASSWORD });
    await createUser(server.db, { email: "out@example.com", name: "Otto Outsider", password: PASSWORD });
    const s = createSeminar(server.db, { title: "Members Only Seminar" });
    seminarSlug = s.slug;
    seminarId = s.id;
    addMember(server.db, { seminarId: s.id, userId: m.id, role: "attendee" });
    staff = new Client(server.url);
    await staff.signIn("staff@example.com", PASSWORD);
    member = new Client(server.url);
    await member.signIn("member@example.com", PASSWORD);
    outsider = new Client(server.url);
    await outsider.signIn("out@example.com", PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("staff upload a PDF, a plain member may not; anyone signed in finds it by a word inside", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...docInput({ title: "Retention Statute" }) })) form.append(k, v);
    form.append("file", new Blob([PDF], { type: "application/pdf" }), "retention.pdf");
    const refused = await member.fetch("/library/new", { method: "POST", body: form, headers: { Origin: server.origin } });
    expect(refused.status).toBe(403);
    const res = await staff.fetch("/library/new", { method: "POST", body: form, headers: { Origin: server.origin } });
    expect(res.status).toBe(302);
    const docPath = res.headers.get("location")!;
    expect(docPath).toMatch(/^\/library\/\d+$/);
    // The server's own worker reads the text.
    let html = "";
    for (let i = 0; i < 100; i++) {
      html = await (await outsider.get("/library?q=pseudonymisation")).text();
      if (html.includes("Retention Statute")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(html).toContain("Retention Statute");
    const file = await outsider.get(`${docPath}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const preview = await outsider.get(`${docPath}/file?preview=1`);
    expect(preview.headers.get("content-disposition")).toMatch(/^inline/);
    expect((await outsider.get("/library/999999")).status).toBe(404);
  });

  it("a seminar-only bookmark is a 404 for a non-member and absent from their lists", async () => {
    const res = await member.post("/bookmarks/new", { url: "https://example.org/members-note", title: "Members note", note: "", tags: "inner", visibility: "seminar", seminarId: String(seminarId) });
    expect(res.status).toBe(302);
    const where = res.headers.get("location")!;
    expect((await member.get(where)).status).toBe(200);
    expect((await outsider.get(where)).status).toBe(404);
    expect((await outsider.get(`${where}.data`)).status).toBe(404);
    expect(await (await outsider.get("/bookmarks?tag=inner")).text()).not.toContain("Members note");
    expect(await (await outsider.get("/search?q=members+note")).text()).not.toContain(`href="${where}"`);
    expect(await (await member.get("/search?q=members+note")).text()).toContain(`href="${where}"`);
    // A link other than http(s) is refused next to the field.
    const bad = await member.post("/bookmarks/new", { url: "javascript:alert(1)", title: "x", visibility: "private" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Only http:// and https:// links can be saved.");
    void seminarSlug;
  });

  it("exports and re-imports bookmarks in the Netscape format", async () => {
    await member.post("/bookmarks/new", { url: "https://eur-lex.example/gdpr", title: "GDPR text", note: "Art. 17", tags: "gdpr", visibility: "private" });
    const exported = await member.get("/bookmarks/export.html");
    expect(exported.headers.get("content-disposition")).toContain("colloquy-bookmarks.html");
    const html = await exported.text();
    expect(html).toContain("GDPR text");
    const form = new FormData();
    form.append("visibility", "private");
    form.append("file", new Blob([html], { type: "text/html" }), "bookmarks.html");
    const res = await outsider.fetch("/bookmarks/import", { method: "POST", body: form, headers: { Origin: server.origin } });
    expect(res.status).toBe(302);
    const mine = await (await outsider.get("/bookmarks?mine=1")).text();
    expect(mine).toContain("GDPR text");
    expect(mine).toContain("Members note"); // its link came along in the export, now as Otto's own private bookmark
    const own = server.db.select().from(schema.bookmarks).where(and(eq(schema.bookmarks.url, "https://eur-lex.example/gdpr"))).all();
    expect(own.map((b) => b.visibility)).toEqual(["private", "private"]);
  });
});
