// Issue #20, the rest of the library: Word (.docx) text for search (a damaged, bomb-like or huge file fails or is
// cut, and loses nothing), the library in the digests of members who chose it, members adding documents where staff
// allow it, the private Atom feeds (nothing shown to whom it should not be), and the PDF preview's headers.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { saveBookmark } from "~/models/bookmarks.server";
import { db, writeTransaction } from "~/models/db.server";
import { listDocuments, parseLibraryQuery } from "~/models/library-browse.server";
import { createDocument } from "~/models/library.server";
import { setMailChoice } from "~/models/preferences.server";
import { runDigests } from "~/services/digest-tasks.server";
import { runDueJobs } from "~/services/jobs.server";
import "~/services/tasks.server"; // the one registry: the library.extract job handler
import { deliverDueMail } from "~/services/mail.server";
import { DOCX_TYPE, MAX_TEXT_CHARS } from "~/services/text-extract.server";
import { storedFilePath } from "~/services/uploads.server";
import { FIXTURES } from "../helpers/fixtures";
import type { Client } from "../helpers/http";
import { docInput, startLibraryWorld, stored, type LibraryWorld } from "../helpers/library-world";
import { makeDocx } from "../helpers/make-docx";
import { useTestSmtp } from "../helpers/app-smtp";

const PDF = fs.readFileSync(path.join(FIXTURES, "library", "data-retention-act.pdf"));
const HOUR = 3600_000;


const titlesFor = (q: string) => listDocuments(parseLibraryQuery(new URL(`http://x/library?q=${encodeURIComponent(q)}`))).documents.map((d) => d.title);
const versionOf = (documentId: number) => db().select().from(schema.libraryVersions).where(eq(schema.libraryVersions.documentId, documentId)).get()!;

describe("Word documents in the library", () => {
  it("reads a .docx for search; a damaged or bomb-like one fails that job only, and the document and file stay", async () => {
    const staff = await createUser(db(), { name: "Wanda Word", email: "wanda@example.com", role: "admin" });
    const good = createDocument({
      actorId: staff.id,
      input: docInput({ title: "Engagement Letter Template", kind: "form" }),
      file: await stored(makeDocx(["Engagement letter", "The client agrees to the quinquennial retainer review."]), "letter.docx", DOCX_TYPE),
    });
    // Damaged: the directory is sound but the compressed document part is garbage.
    const sound = makeDocx(["Damaged memo about escrow"]);
    const damaged = Buffer.from(sound);
    damaged.fill(0x55, 120, 400);
    const broken = createDocument({ actorId: staff.id, input: docInput({ title: "Damaged Escrow Memo" }), file: await stored(damaged, "memo.docx", DOCX_TYPE) });
    const truncated = createDocument({ actorId: staff.id, input: docInput({ title: "Truncated Brief" }), file: await stored(sound.subarray(0, 200), "brief.docx", DOCX_TYPE) });
    // A zip bomb: it claims each part unpacks to 2 GB.
    const bomb = createDocument({ actorId: staff.id, input: docInput({ title: "Bomb Checklist" }), file: await stored(makeDocx(["x"], { declareInflated: 2_000_000_000 }), "bomb.docx", DOCX_TYPE) });
    // Huge text is cut to the bound.
    const huge = createDocument({ actorId: staff.id, input: docInput({ title: "Huge Practice Note" }), file: await stored(makeDocx(["verbose ".repeat(40_000)]), "huge.docx", DOCX_TYPE) });

    const started = Date.now();
    await runDueJobs({ budgetMs: 25_000 });
    expect(Date.now() - started).toBeLessThan(25_000);

    expect(versionOf(good.id).textStatus).toBe("done");
    expect(titlesFor("quinquennial")).toEqual(["Engagement Letter Template"]);
    for (const d of [broken, truncated, bomb]) {
      const v = versionOf(d.id);
      expect(v.textStatus).toBe("failed");
      // Nothing is lost: the document is listed and findable by its title, and its file is still there to download.
      expect(fs.existsSync(storedFilePath("materials", v.storedName))).toBe(true);
    }
    expect(titlesFor("escrow memo")).toEqual(["Damaged Escrow Memo"]);
    expect(titlesFor("bomb checklist")).toEqual(["Bomb Checklist"]);
    const hugeVersion = versionOf(huge.id);
    expect(hugeVersion.textStatus).toBe("done");
    expect(hugeVersion.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(hugeVersion.text.length).toBeGreaterThan(100_000);
  });
});

describe("the library in digests", () => {
  const smtp = useTestSmtp();

  it("members who chose it get new documents and their seminars' shared bookmarks; never another seminar's", async () => {
    const staff = await createUser(db(), { name: "Dee Digest", email: "dee@example.com", role: "admin" });
    const reader = await createUser(db(), { name: "Rita Reader", email: "rita@example.com" });
    const sharer = await createUser(db(), { name: "Sam Sharer", email: "sam@example.com" });
    const elsewhere = await createUser(db(), { name: "Eli Elsewhere", email: "eli@example.com" });
    const quiet = await createUser(db(), { name: "Quinn Quiet", email: "quinn@example.com" });
    const seminar = createSeminar(db(), { title: "Digest Seminar" });
    const other = createSeminar(db(), { title: "Other Seminar" });
    for (const u of [reader, sharer, quiet]) addMember(db(), { seminarId: seminar.id, userId: u.id });
    addMember(db(), { seminarId: other.id, userId: elsewhere.id });
    addMember(db(), { seminarId: other.id, userId: sharer.id });
    writeTransaction((tx) => {
      for (const u of [reader, elsewhere]) setMailChoice(tx, { userId: u.id, topic: "library", choice: "daily" });
      setMailChoice(tx, { userId: quiet.id, topic: "library", choice: "portal" });
    });
    const t0 = Date.now() - HOUR;
    await runDigests({ now: t0 });

    createDocument({ actorId: staff.id, input: docInput({ title: "Court Fees Schedule", kind: "statute" }), file: await stored(PDF, "fees.pdf", "application/pdf") });
    const shared = saveBookmark({
      viewer: { id: sharer.id, role: "member" },
      input: { url: "https://example.org/costs-guide", title: "Costs guide for the seminar", note: "", tags: "", visibility: "seminar", seminarId: seminar.id },
    });
    expect(shared.ok).toBe(true);
    saveBookmark({
      viewer: { id: sharer.id, role: "member" },
      input: { url: "https://example.org/private-thing", title: "Sam's private link", note: "", tags: "", visibility: "private" },
    });

    const t1 = t0 + 25 * HOUR;
    await runDigests({ now: t1 });
    await deliverDueMail();
    const daily = smtp().messages.filter((m) => m.subject.startsWith("Your daily Colloquy digest"));
    const rita = daily.find((m) => m.to === "rita@example.com")!;
    expect(rita.text).toContain("New in the library and shared bookmarks");
    expect(rita.text).toContain("New in the library: “Court Fees Schedule”");
    expect(rita.text).toContain("Sam Sharer shared “Costs guide for the seminar”");
    expect(rita.text).not.toContain("Sam's private link");
    const eli = daily.find((m) => m.to === "eli@example.com")!;
    expect(eli.text).toContain("Court Fees Schedule");
    expect(eli.text).not.toContain("Costs guide for the seminar");
    expect(daily.some((m) => m.to === "quinn@example.com")).toBe(false);
  });
});

describe("contributions, feeds and preview over HTTP", () => {
  let w: LibraryWorld;
  const docFields = (title: string, over: Record<string, string> = {}) => ({ ...docInput({ title }), ...over }) as Record<string, string>;

  beforeAll(async () => {
    w = await startLibraryWorld("library-contrib");
  });
  afterAll(async () => {
    await w?.server.stop();
  });

  it("members add documents only where staff allow it, and new versions only of their own", async () => {
    const refused = await w.upload(w.member, "/library/new", docFields("Member Checklist"), PDF, "list.pdf");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("members of seminars staff open to contributions");
    expect(await (await w.member.get("/library")).text()).not.toContain("Add a document");
    // Only staff choose; a member posting to the staff page is refused.
    expect((await w.member.post("/library/contributors", { intent: "allow", seminarId: String(w.seminar.id) })).status).toBe(403);
    expect((await w.member.get("/library/contributors")).status).toBe(403);
    const allowed = await w.staff.post("/library/contributors", { intent: "allow", seminarId: String(w.seminar.id) });
    expect(allowed.status).toBe(302);
    expect(await (await w.staff.get("/library/contributors")).text()).toContain("Stop contributions from Members Only Seminar");

    expect(await (await w.member.get("/library")).text()).toContain("Add a document");
    // A form error comes back next to its field with the other values kept (submission.reply()).
    const bad = await w.upload(w.member, "/library/new", docFields("", { dated: "2025-13-45" }), PDF, "list.pdf");
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Give the document a title.");
    expect(badHtml).toContain("Enter a real date.");
    expect(badHtml).toContain("Choose the file again");
    expect(badHtml).toContain('value="Germany"');
    // A Word file goes through the same checked upload and its text is read.
    const added = await w.upload(w.member, "/library/new", docFields("Member Checklist"), makeDocx(["Checklist for the garnishment hearing"]), "list.docx", DOCX_TYPE);
    expect(added.status).toBe(302);
    const docPath = added.headers.get("location")!;
    expect(await w.waitForText(w.outsider, "/library?q=garnishment", "Member Checklist")).toContain("Member Checklist");
    expect((await w.upload(w.member, `${docPath}/upload`, { asOf: "2026-12-01", note: "" }, PDF, "v2.pdf")).status).toBe(302);

    const staffDoc = await w.upload(w.staff, "/library/new", docFields("Staff Statute"), PDF, "s.pdf");
    const staffPath = staffDoc.headers.get("location")!;
    expect((await w.upload(w.member, `${staffPath}/upload`, { asOf: "2026-12-01", note: "" }, PDF, "v2.pdf")).status).toBe(403);
    expect((await w.upload(w.outsider, "/library/new", docFields("Outsider Note"), PDF, "o.pdf")).status).toBe(403);

    // Staff stop it: the member is refused again.
    await w.staff.post("/library/contributors", { intent: "stop", seminarId: String(w.seminar.id) });
    expect((await w.upload(w.member, "/library/new", docFields("Second Checklist"), PDF, "list.pdf")).status).toBe(403);
    expect((await w.upload(w.member, `${docPath}/upload`, { asOf: "2026-12-02", note: "" }, PDF, "v3.pdf")).status).toBe(403);
  });

  it("private Atom feeds: the library by kind, a seminar's bookmarks only to its members, dead addresses 404", async () => {
    await w.upload(w.staff, "/library/new", docFields("Feed Opinion", { kind: "opinion", jurisdiction: "Scotland" }), PDF, "o.pdf");
    await w.member.post("/bookmarks/new", { url: "https://example.org/seminar-secret", title: "Seminar secret link", note: "*Read* this", tags: "costs", visibility: "seminar", seminarId: String(w.seminar.id) });
    await w.member.post("/bookmarks/new", { url: "https://example.org/just-mine", title: "Just my own link", note: "", tags: "costs", visibility: "private" });
    await w.outsider.post("/bookmarks/new", { url: "https://example.org/outsider-seminar", title: "Outsider seminar link", note: "", tags: "", visibility: "seminar", seminarId: String(w.outsiderSeminar.id) });

    const tokenFor = async (c: Client, slug: string) => {
      const html = await (await c.post(`/s/${slug}/feeds`, { intent: "create" })).text();
      const m = /\/feeds\/([A-Za-z0-9_-]{43})\/library\.atom/.exec(html);
      expect(m).not.toBeNull();
      expect(html).toContain(`/feeds/${m![1]}/bookmarks.atom`);
      return m![1]!;
    };
    const feed = (token: string, p: string) => fetch(`${w.server.url}/feeds/${token}/${p}`);
    const mine = await tokenFor(w.member, w.seminar.slug);
    const theirs = await tokenFor(w.outsider, w.outsiderSeminar.slug);

    const lib = await feed(mine, "library.atom");
    expect(lib.status).toBe(200);
    expect(lib.headers.get("content-type")).toContain("application/atom+xml");
    const libXml = await lib.text();
    expect(libXml).toContain("Feed Opinion");
    expect(libXml).toContain("Staff Statute");
    const opinions = await (await feed(mine, "library.atom?kind=opinion")).text();
    expect(opinions).toContain("Feed Opinion");
    expect(opinions).not.toContain("Staff Statute");
    expect(await (await feed(mine, "library.atom?jurisdiction=Scotland")).text()).toContain("Feed Opinion");

    const marks = await (await feed(mine, "bookmarks.atom")).text();
    expect(marks).toContain("Seminar secret link");
    expect(marks).toContain("&lt;em&gt;Read&lt;/em&gt;");
    expect(marks).not.toContain("Just my own link");
    expect(marks).not.toContain("Outsider seminar link");
    expect(await (await feed(mine, "bookmarks.atom?tag=other")).text()).not.toContain("Seminar secret link");
    const outsiderMarks = await (await feed(theirs, "bookmarks.atom")).text();
    expect(outsiderMarks).not.toContain("Seminar secret link");
    expect(outsiderMarks).toContain("Outsider seminar link");

    expect((await feed("x".repeat(43), "library.atom")).status).toBe(404);
    // A member who leaves the seminar: the address stops working for both feeds.
    w.server.db.delete(schema.memberships).where(eq(schema.memberships.userId, w.memberId)).run();
    expect((await feed(mine, "bookmarks.atom")).status).toBe(404);
    expect((await feed(mine, "library.atom")).status).toBe(404);

    // In no seminar now, the member still follows the library through their network address (/library/feed).
    const libraryPage = await (await w.member.get("/library")).text();
    expect(libraryPage).toContain('href="/library/feed"');
    const made = await (await w.member.post("/library/feed", { intent: "create" })).text();
    const network = /\/feeds\/([A-Za-z0-9_-]{43})\/library\.atom/.exec(made)![1]!;
    expect(made).toContain("shown only this once");
    const netLib = await feed(network, "library.atom?kind=opinion");
    expect(netLib.status).toBe(200);
    expect(await netLib.text()).toContain("Feed Opinion");
    // It opens no seminar's feeds.
    for (const p of ["bookmarks.atom", "blog.atom", "wiki.atom", "questions.atom"]) expect((await feed(network, p)).status).toBe(404);
    // The page remembers it without showing it again; a new one replaces it; turning it off stops it.
    const again = await (await w.member.get("/library/feed")).text();
    expect(again).toContain("You made a library feed address on");
    expect(again).not.toContain(network);
    const remade = await (await w.member.post("/library/feed", { intent: "create" })).text();
    const second = /\/feeds\/([A-Za-z0-9_-]{43})\/library\.atom/.exec(remade)![1]!;
    expect((await feed(network, "library.atom")).status).toBe(404);
    expect((await feed(second, "library.atom")).status).toBe(200);
    expect((await w.member.post("/library/feed", { intent: "revoke" })).status).toBe(302);
    expect((await feed(second, "library.atom")).status).toBe(404);
    // Signed-out visitors are sent to sign in.
    expect((await fetch(`${w.server.url}/library/feed`, { redirect: "manual" })).status).toBe(302);
    addMember(w.server.db, { seminarId: w.seminar.id, userId: w.memberId, role: "attendee" });
  });

  it("the PDF preview is inline and typed; other files and other requests download sandboxed; signed-in only", async () => {
    const res = await w.upload(w.staff, "/library/new", docFields("Preview Statute"), PDF, "preview statute.pdf");
    const docPath = res.headers.get("location")!;
    const page = await (await w.member.get(docPath)).text();
    expect(page).toContain(`href="${docPath}/file?preview=1"`);
    expect(page).toMatch(/target="_blank" rel="noopener noreferrer"/);

    const preview = await w.member.get(`${docPath}/file?preview=1`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("application/pdf");
    expect(preview.headers.get("content-disposition")).toMatch(/^inline; filename="preview statute\.pdf"/);
    expect(preview.headers.get("x-content-type-options")).toBe("nosniff");
    expect(preview.headers.get("cache-control")).toMatch(/^private/);
    expect(Buffer.from(await preview.arrayBuffer()).equals(PDF)).toBe(true);

    const download = await w.member.get(`${docPath}/file`);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    // The download is sandboxed; the preview is not (a sandboxed document cannot host the browser's PDF viewer),
    // but no other site may frame it.
    expect(download.headers.get("content-security-policy")).toContain("default-src 'none'; sandbox");
    expect(preview.headers.get("content-security-policy")).not.toContain("sandbox");
    expect(preview.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // A Word file is never previewed inline, whatever the address asks.
    const word = await w.upload(w.staff, "/library/new", docFields("Word Form"), makeDocx(["A form"]), "form.docx", DOCX_TYPE);
    const wordFile = await w.member.get(`${word.headers.get("location")}/file?preview=1`);
    expect(wordFile.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(wordFile.headers.get("content-security-policy")).toContain("sandbox");

    const anonymous = await fetch(`${w.server.url}${docPath}/file?preview=1`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect((await w.member.get(`${docPath}/file?preview=1&version=99`)).status).toBe(404);
    expect((await w.member.get(`${docPath}/file?version=abc`)).status).toBe(404);
    expect((await w.member.get(`/library/999999/file?preview=1`)).status).toBe(404);
  });
});
