// Wiki revisions, diffs, restore and edit conflicts: the model on this file's own database, then the pages over
// real HTTP against the production build (permissions, 404 walls, the conflict screen).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/models/db.server";
import { getRevision, getWikiPage, listRevisions, restoreRevision, saveWikiPage } from "~/models/wiki.server";
import { diffTexts } from "~/services/diff.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

describe("wiki revisions (model)", () => {
  const seminar = createSeminar(db(), { slug: "wiki-model" });
  const s = { id: seminar.id, slug: seminar.slug };
  let ann = 0;
  let ben = 0;
  beforeAll(async () => {
    ann = (await createUser(db(), { name: "Ann Writer" })).id;
    ben = (await createUser(db(), { name: "Ben Editor" })).id;
  });

  it("keeps every save as a revision, diffs any two and restores an old one as a new revision", () => {
    const first = saveWikiPage({ seminar: s, slug: null, title: "Breach response", bodyMd: "Contain the breach.\nCall counsel.\n", note: "", baseRevision: 0, authorId: ann });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.page.slug).toBe("breach-response");
    expect(first.page.revision).toBe(1);

    const second = saveWikiPage({ seminar: s, slug: "breach-response", title: "Breach response", bodyMd: "Contain the breach at once.\nCall counsel.\nNotify within 72 hours.\n", note: "Timing", baseRevision: 1, authorId: ben });
    expect(second.ok && second.page.revision).toBe(2);

    const revisions = listRevisions({ pageId: first.page.id });
    expect(revisions.map((r) => [r.number, r.authorId, r.note])).toEqual([
      [2, ben, "Timing"],
      [1, ann, "Created the page"],
    ]);
    // Each revision stores its own rendered HTML.
    expect(getRevision({ pageId: first.page.id, number: 1 })!.bodyHtml).toBe("<p>Contain the breach.\nCall counsel.</p>\n");

    const d = diffTexts(getRevision({ pageId: first.page.id, number: 1 })!.bodyMd, getRevision({ pageId: first.page.id, number: 2 })!.bodyMd);
    expect(d.added).toBe(2);
    expect(d.removed).toBe(1);
    const changedWords = d.rows.flatMap((r) => ("segments" in r ? r.segments.filter((x) => x.change).map((x) => `${x.change}:${x.text}`) : []));
    expect(changedWords).toContain("add: at once");
    expect(changedWords).toContain("add:Notify within 72 hours.");

    const restored = restoreRevision({ seminar: s, page: getWikiPage({ seminarId: s.id, slug: "breach-response" })!, number: 1, authorId: ben });
    expect(restored.ok).toBe(true);
    const page = getWikiPage({ seminarId: s.id, slug: "breach-response" })!;
    expect(page.revision).toBe(3);
    expect(page.bodyMd).toBe("Contain the breach.\nCall counsel.\n");
    const third = getRevision({ pageId: page.id, number: 3 })!;
    expect(third.restoredFrom).toBe(1);
    expect(third.note).toBe("Restored revision 1");
    // History is never rewritten.
    expect(getRevision({ pageId: page.id, number: 2 })!.bodyMd).toContain("72 hours");
  });

  it("a second save from a stale revision is not lost and does not overwrite: it comes back as a conflict", () => {
    saveWikiPage({ seminar: s, slug: null, title: "Glossary", bodyMd: "Controller\n", note: "", baseRevision: 0, authorId: ann });
    // Both open revision 1; Ann saves first.
    const annSave = saveWikiPage({ seminar: s, slug: "glossary", title: "Glossary", bodyMd: "Controller\nProcessor\n", note: "", baseRevision: 1, authorId: ann });
    expect(annSave.ok).toBe(true);
    const benSave = saveWikiPage({ seminar: s, slug: "glossary", title: "Glossary", bodyMd: "Controller\nDPIA\n", note: "", baseRevision: 1, authorId: ben });
    expect(benSave.ok).toBe(false);
    if (benSave.ok || !("conflict" in benSave)) throw new Error("expected a conflict");
    expect(benSave.conflict).toMatchObject({ revision: 2, bodyMd: "Controller\nProcessor\n", authorId: ann });
    // Nothing of Ben's was written.
    expect(getWikiPage({ seminarId: s.id, slug: "glossary" })!.bodyMd).toBe("Controller\nProcessor\n");
    // Ben merges and saves deliberately from revision 2.
    const merged = saveWikiPage({ seminar: s, slug: "glossary", title: "Glossary", bodyMd: "Controller\nProcessor\nDPIA\n", note: "merged", baseRevision: 2, authorId: ben });
    expect(merged.ok && merged.page.revision).toBe(3);
    // Two people creating the same page at once: the second gets the conflict too.
    const again = saveWikiPage({ seminar: s, slug: null, title: "Glossary", bodyMd: "Something else", note: "", baseRevision: 0, authorId: ann });
    expect(!again.ok && "conflict" in again).toBe(true);
  });

  it("saving the same text makes no revision; over-long and pathological text is refused with a message", () => {
    const page = getWikiPage({ seminarId: s.id, slug: "glossary" })!;
    const same = saveWikiPage({ seminar: s, slug: "glossary", title: page.title, bodyMd: page.bodyMd, note: "", baseRevision: page.revision, authorId: ann });
    expect(same.ok && same.unchanged).toBe(true);
    expect(getWikiPage({ seminarId: s.id, slug: "glossary" })!.revision).toBe(page.revision);

    const long = saveWikiPage({ seminar: s, slug: "glossary", title: "Glossary", bodyMd: "x".repeat(100_001), note: "", baseRevision: page.revision, authorId: ann });
    expect(long).toMatchObject({ ok: false, field: "body" });
    expect(!long.ok && "error" in long && long.error).toContain("at most 100,000");
    const deep = saveWikiPage({ seminar: s, slug: "glossary", title: "Glossary", bodyMd: "> ".repeat(3000) + "x", note: "", baseRevision: page.revision, authorId: ann });
    expect(deep).toMatchObject({ ok: false, field: "body", error: "The text is nested too deeply to display." });
    expect(getWikiPage({ seminarId: s.id, slug: "glossary" })!.revision).toBe(page.revision);
  });

  it("links to missing pages are marked, and come alive when the page is written", () => {
    saveWikiPage({ seminar: s, slug: null, title: "Index", bodyMd: "See [[Transfer rules]].", note: "", baseRevision: 0, authorId: ann });
    expect(getWikiPage({ seminarId: s.id, slug: "index" })!.bodyHtml).toContain('class="wikilink wikilink--missing" href="/s/wiki-model/wiki/transfer-rules"');
    saveWikiPage({ seminar: s, slug: null, title: "Transfer rules", bodyMd: "SCCs.", note: "", baseRevision: 0, authorId: ben });
    expect(getWikiPage({ seminarId: s.id, slug: "index" })!.bodyHtml).toContain('<a class="wikilink" href="/s/wiki-model/wiki/transfer-rules">Transfer rules</a>');
  });
});

describe("wiki pages over HTTP", () => {
  let server: TestServer;
  const password = "correct horse battery staple";
  const emails = { attendee: "att@example.com", instructor: "ins@example.com", other: "other@example.com" };
  beforeAll(async () => {
    server = await startTestServer({ label: "wiki-http" });
    const a = createSeminar(server.db, { slug: "alpha" });
    const b = createSeminar(server.db, { slug: "beta" });
    const att = await createUser(server.db, { email: emails.attendee, name: "Ada Attendee" });
    const ins = await createUser(server.db, { email: emails.instructor, name: "Ivo Instructor" });
    const other = await createUser(server.db, { email: emails.other, name: "Ola Other" });
    addMember(server.db, { seminarId: a.id, userId: att.id, role: "attendee" });
    addMember(server.db, { seminarId: a.id, userId: ins.id, role: "instructor" });
    addMember(server.db, { seminarId: b.id, userId: other.id, role: "attendee" });
  });
  afterAll(async () => server?.stop());

  async function as(email: string) {
    const c = new Client(server.url);
    await c.signIn(email, password);
    return c;
  }

  it("an attendee writes a page; a second editor from a stale revision sees the conflict with both texts", async () => {
    const att = await as(emails.attendee);
    const ins = await as(emails.instructor);
    const created = await att.post("/s/alpha/wiki/case-notes/edit", { intent: "save", title: "Case notes", body: "First line.", note: "", baseRevision: "0" });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/s/alpha/wiki/case-notes");
    const page = await (await att.get("/s/alpha/wiki/case-notes")).text();
    expect(page).toContain("<p>First line.</p>");

    expect((await ins.post("/s/alpha/wiki/case-notes/edit", { intent: "save", title: "Case notes", body: "Instructor line.", note: "", baseRevision: "1" })).status).toBe(302);
    const stale = await att.post("/s/alpha/wiki/case-notes/edit", { intent: "save", title: "Case notes", body: "Attendee line.", note: "", baseRevision: "1" });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Someone else saved this page while you were editing");
    expect(html).toContain("Instructor line.");
    expect(html).toContain("Attendee line.");
    expect(html).toContain('name="baseRevision" value="2"');
    expect(await (await att.get("/s/alpha/wiki/case-notes")).text()).toContain("Instructor line.");

    const diff = await (await att.get("/s/alpha/wiki/case-notes/diff?from=1&to=2")).text();
    expect(diff).toContain("<del>First</del>");
    expect(diff).toContain("<ins>Instructor</ins>");

    const restore = await att.post("/s/alpha/wiki/case-notes/history", { intent: "restore", revision: "1" });
    expect(restore.status).toBe(302);
    expect(await (await att.get("/s/alpha/wiki/case-notes")).text()).toContain("<p>First line.</p>");
  });

  it("preview renders without saving, and an over-long text is refused with the text kept", async () => {
    const att = await as(emails.attendee);
    const preview = await att.post("/s/alpha/wiki/draft-page/edit", { intent: "preview", title: "Draft page", body: "**bold idea**", note: "", baseRevision: "0" });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("<strong>bold idea</strong>");
    expect((await att.get("/s/alpha/wiki/draft-page")).status).toBe(404);

    const long = "word ".repeat(21_000);
    const refused = await att.post("/s/alpha/wiki/draft-page/edit", { intent: "save", title: "Draft page", body: long, note: "", baseRevision: "0" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("The page is too long: 105,000 characters, at most 100,000");
    expect(html).toContain(long.slice(0, 500));
  });

  it("the seminar's edit policy decides who may edit; other seminars' pages are a 404", async () => {
    const att = await as(emails.attendee);
    const ins = await as(emails.instructor);
    const other = await as(emails.other);
    // Only instructors change the policy.
    expect((await att.post("/s/alpha/wiki", { intent: "policy", policy: "instructors" })).status).toBe(403);
    expect((await ins.post("/s/alpha/wiki", { intent: "policy", policy: "instructors" })).status).toBe(302);
    expect((await att.get("/s/alpha/wiki/case-notes/edit")).status).toBe(403);
    expect((await att.post("/s/alpha/wiki/case-notes/edit", { intent: "save", title: "Case notes", body: "x", note: "", baseRevision: "3" })).status).toBe(403);
    expect((await att.post("/s/alpha/wiki/case-notes/history", { intent: "restore", revision: "2" })).status).toBe(403);
    expect((await att.get("/s/alpha/wiki/case-notes")).status).toBe(200);
    expect((await ins.post("/s/alpha/wiki/case-notes/edit", { intent: "save", title: "Case notes", body: "Still editable by instructors.", note: "", baseRevision: "3" })).status).toBe(302);
    await ins.post("/s/alpha/wiki", { intent: "policy", policy: "members" });

    // A member of another seminar cannot read or edit this one's pages, and gets the same 404 as for nothing.
    for (const path of ["/s/alpha/wiki", "/s/alpha/wiki/case-notes", "/s/alpha/wiki/case-notes/history", "/s/alpha/wiki/case-notes/diff?from=1&to=2"]) {
      expect((await other.get(path)).status, path).toBe(404);
    }
    expect((await other.post("/s/alpha/wiki/case-notes/edit", { intent: "save", title: "Case notes", body: "vandal", note: "", baseRevision: "4" })).status).toBe(404);
    expect((await other.get("/s/beta/wiki/case-notes")).status).toBe(404);
    // Revision numbers that do not exist are 404s, not errors.
    expect((await att.get("/s/alpha/wiki/case-notes/diff?from=1&to=99")).status).toBe(404);
    expect((await att.get("/s/alpha/wiki/case-notes?rev=abc")).status).toBe(404);
  });
});
