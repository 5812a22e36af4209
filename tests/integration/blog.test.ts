// Blogs over real HTTP against the production build: drafts, ownership, comments and replies with the reply
// notices in the outbox, moderation, pin and lock, and the private Atom feeds read by a real feed parser.
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { saveMailChoices } from "~/models/preferences.server";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { digestClockStart } from "../helpers/digest-time";

describe("seminar blogs over HTTP", () => {
  let server: TestServer;
  const password = "correct horse battery staple";
  const ids: Record<string, number> = {};
  const E = {
    author: "author@example.com",
    reader: "reader@example.com",
    instructor: "teacher@example.com",
    quiet: "quiet@example.com",
    outsider: "outsider@example.com",
  };

  beforeAll(async () => {
    server = await startTestServer({ label: "blog-http", env: { WORKERS: "off" } });
    const open = createSeminar(server.db, { slug: "open-sem", title: "Open Seminar" });
    const past = createSeminar(server.db, {
      slug: "past-sem",
      title: "Past Seminar",
      startsAt: new Date(Date.now() - 40 * 86400_000),
      endsAt: new Date(Date.now() - 39 * 86400_000),
    });
    const elsewhere = createSeminar(server.db, { slug: "elsewhere" });
    for (const [key, email] of Object.entries(E)) ids[key] = (await createUser(server.db, { email, name: `${key[0]!.toUpperCase()}${key.slice(1)} Person` })).id;
    for (const s of [open, past]) {
      addMember(server.db, { seminarId: s.id, userId: ids.author!, role: "attendee" });
      addMember(server.db, { seminarId: s.id, userId: ids.reader!, role: "attendee" });
      addMember(server.db, { seminarId: s.id, userId: ids.quiet!, role: "attendee" });
      addMember(server.db, { seminarId: s.id, userId: ids.instructor!, role: "instructor" });
    }
    addMember(server.db, { seminarId: elsewhere.id, userId: ids.outsider!, role: "attendee" });
    saveMailChoices(server.db, { userId: ids.quiet!, choices: { materials: "immediate", replies: "never", news: "never", surveys: "never" } });
    ids.open = open.id;
  });
  afterAll(async () => server?.stop());

  async function as(email: string) {
    const c = new Client(server.url);
    await c.signIn(email, password);
    return c;
  }
  const outboxTo = (email: string) => server.db.select().from(schema.outbox).all().filter((m) => m.toAddress === email);

  it("drafts stay private until published; only the author edits; other seminars' posts are a 404", async () => {
    const author = await as(E.author);
    const reader = await as(E.reader);
    const outsider = await as(E.outsider);
    const draft = await author.post("/s/open-sem/blog/new", { intent: "draft", title: "Working title", body: "Half an idea.", tags: "Ideas, GDPR" });
    expect(draft.status).toBe(302);
    const post = server.db.select().from(schema.blogPosts).all().at(-1)!;
    expect(post.status).toBe("draft");
    expect((await reader.get(`/s/open-sem/blog/${post.id}`)).status).toBe(404);
    expect(await (await author.get("/s/open-sem/blog")).text()).toContain("Your drafts");

    const published = await author.post(`/s/open-sem/blog/${post.id}/edit`, { intent: "publish", title: "Consent is not a silver bullet", body: "Legitimate interest often fits **better**.", tags: "gdpr, consent" });
    expect(published.status).toBe(302);
    const page = await (await reader.get(`/s/open-sem/blog/${post.id}`)).text();
    expect(page).toContain("Consent is not a silver bullet");
    expect(page).toContain("<strong>better</strong>");
    expect(page).not.toContain("· edited");
    const list = await (await reader.get("/s/open-sem/blog?tag=gdpr")).text();
    expect(list).toContain("Consent is not a silver bullet");

    // Someone else's post: 403 to edit; another seminar's post through this seminar's address: 404.
    expect((await reader.get(`/s/open-sem/blog/${post.id}/edit`)).status).toBe(403);
    expect((await reader.post(`/s/open-sem/blog/${post.id}/edit`, { intent: "publish", title: "Hijacked", body: "x", tags: "" })).status).toBe(403);
    expect((await reader.post(`/s/open-sem/blog/${post.id}`, { intent: "delete" })).status).toBe(403);
    expect((await outsider.get(`/s/open-sem/blog/${post.id}`)).status).toBe(404);
    expect((await outsider.get(`/s/elsewhere/blog/${post.id}`)).status).toBe(404);

    // Editing a published post marks it as edited.
    await author.post(`/s/open-sem/blog/${post.id}/edit`, { intent: "publish", title: "Consent is not a silver bullet", body: "Legitimate interest often fits **better**. Update: see Art. 6(1)(f).", tags: "gdpr, consent" });
    expect(await (await reader.get(`/s/open-sem/blog/${post.id}`)).text()).toContain("· edited");
    ids.post = post.id;
  });

  it("a comment notifies the post's author and a reply notifies the comment's author, each as they chose", async () => {
    const reader = await as(E.reader);
    const author = await as(E.author);
    const quiet = await as(E.quiet);
    const before = outboxTo(E.author).length;
    const res = await reader.post(`/s/open-sem/blog/${ids.post}`, { intent: "comment", formKey: "new", body: "What about **employee** data?" });
    expect(res.status).toBe(302);
    const comment = server.db.select().from(schema.comments).all().at(-1)!;
    expect(comment.bodyHtml).toBe("<p>What about <strong>employee</strong> data?</p>\n");
    const mails = outboxTo(E.author);
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.subject).toBe("Reader Person replied to your post in Open Seminar");
    expect(mails.at(-1)!.text).toContain("What about employee data?");
    expect(mails.at(-1)!.text).toContain(`/s/open-sem/blog/${ids.post}#comment-${comment.id}`);
    expect(mails.at(-1)!.kind).toBe("reply");

    // The author replies: the commenter is told; replying to a reply stays one level deep.
    await author.post(`/s/open-sem/blog/${ids.post}`, { intent: "reply", formKey: `reply-${comment.id}`, parentId: String(comment.id), body: "Art. 88 and national law." });
    const reply = server.db.select().from(schema.comments).all().at(-1)!;
    expect(reply.parentId).toBe(comment.id);
    expect(outboxTo(E.reader).at(-1)!.subject).toBe("Author Person replied to your comment in Open Seminar");
    await quiet.post(`/s/open-sem/blog/${ids.post}`, { intent: "reply", formKey: `reply-${reply.id}`, parentId: String(reply.id), body: "Agreed." });
    const nested = server.db.select().from(schema.comments).all().at(-1)!;
    expect(nested.parentId).toBe(comment.id);
    // The quiet member chose "never": a reply to them queues no mail.
    await reader.post(`/s/open-sem/blog/${ids.post}`, { intent: "reply", formKey: `reply-${nested.id}`, parentId: String(nested.id), body: "Thanks!" });
    expect(outboxTo(E.quiet)).toEqual([]);
    // Commenting on your own post mails nobody.
    const count = server.db.select().from(schema.outbox).all().length;
    await author.post(`/s/open-sem/blog/${ids.post}`, { intent: "comment", formKey: "new", body: "Adding a note myself." });
    expect(server.db.select().from(schema.outbox).all().length).toBe(count);

    const page = await (await reader.get(`/s/open-sem/blog/${ids.post}`)).text();
    expect(page).toContain(`id="comment-${comment.id}"`);
    expect(page).toContain("Art. 88 and national law.");
  });

  it("over-long comments are refused with the text kept; edits are marked; authors and instructors remove comments", async () => {
    const reader = await as(E.reader);
    const author = await as(E.author);
    const instructor = await as(E.instructor);
    const long = "a".repeat(5001);
    const refused = await reader.post(`/s/open-sem/blog/${ids.post}`, { intent: "comment", formKey: "new", body: long });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("The comment is too long: 5,001 characters, at most 5,000.");
    expect(html).toContain(long);

    const longPost = "b".repeat(50_001);
    const refusedPost = await reader.post("/s/open-sem/blog/new", { intent: "publish", title: "Too long", body: longPost, tags: "" });
    expect(refusedPost.status).toBe(400);
    const postHtml = await refusedPost.text();
    expect(postHtml).toContain("The post is too long: 50,001 characters, at most 50,000.");
    expect(postHtml).toContain(longPost);
    expect(postHtml).toContain('value="Too long"');
    // Pathological markdown is refused with a message, never rendered for minutes.
    const deep = await reader.post("/s/open-sem/blog/new", { intent: "publish", title: "Deep", body: "> ".repeat(4000) + "x", tags: "" });
    expect(deep.status).toBe(400);
    expect(await deep.text()).toContain("The text is nested too deeply to display.");

    const mine = server.db.select().from(schema.comments).all().find((c) => c.authorId === ids.reader && !c.parentId)!;
    // Nobody else edits my comment.
    expect((await author.post(`/s/open-sem/blog/${ids.post}`, { intent: "edit-comment", formKey: `edit-${mine.id}`, commentId: String(mine.id), body: "Changed by someone else" })).status).toBe(403);
    await reader.post(`/s/open-sem/blog/${ids.post}`, { intent: "edit-comment", formKey: `edit-${mine.id}`, commentId: String(mine.id), body: "What about employee and applicant data?" });
    const page = await (await author.get(`/s/open-sem/blog/${ids.post}`)).text();
    expect(page).toContain("employee and applicant data");
    expect(page).toMatch(/· edited <time/);

    // An attendee cannot remove someone else's comment on someone else's post; an instructor can.
    const byQuiet = server.db.select().from(schema.comments).all().find((c) => c.authorId === ids.quiet)!;
    expect((await reader.post(`/s/open-sem/blog/${ids.post}`, { intent: "remove-comment", commentId: String(byQuiet.id) })).status).toBe(403);
    expect((await instructor.post(`/s/open-sem/blog/${ids.post}`, { intent: "remove-comment", commentId: String(byQuiet.id) })).status).toBe(302);
    expect(await (await reader.get(`/s/open-sem/blog/${ids.post}`)).text()).not.toContain("Agreed.");
  });

  it("instructors pin posts, and lock comments only in the alumni phase", async () => {
    const reader = await as(E.reader);
    const instructor = await as(E.instructor);
    expect((await reader.post(`/s/open-sem/blog/${ids.post}`, { intent: "pin" })).status).toBe(403);
    await instructor.post(`/s/open-sem/blog/${ids.post}`, { intent: "pin" });
    expect(server.db.select().from(schema.blogPosts).all().find((p) => p.id === ids.post)!.pinnedAt).not.toBeNull();
    await instructor.post(`/s/open-sem/blog/${ids.post}`, { intent: "lock" });
    expect(server.db.select().from(schema.blogPosts).all().find((p) => p.id === ids.post)!.commentsLocked).toBe(false);

    await reader.post("/s/past-sem/blog/new", { intent: "publish", title: "After the seminar", body: "Keep in touch.", tags: "" });
    const post = server.db.select().from(schema.blogPosts).all().at(-1)!;
    await reader.post(`/s/past-sem/blog/${post.id}`, { intent: "comment", formKey: "new", body: "Before the lock." });
    const early = server.db.select().from(schema.comments).all().at(-1)!;
    expect(early.bodyMd).toBe("Before the lock.");
    expect((await reader.post(`/s/past-sem/blog/${post.id}`, { intent: "lock" })).status).toBe(403);
    expect((await instructor.post(`/s/past-sem/blog/${post.id}`, { intent: "lock" })).status).toBe(302);
    const refused = await reader.post(`/s/past-sem/blog/${post.id}`, { intent: "comment", formKey: "new", body: "Too late?" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Comments on this post are closed.");
    // A closed discussion is frozen: its comments cannot be rewritten either.
    const edit = await reader.post(`/s/past-sem/blog/${post.id}`, { intent: "edit-comment", formKey: `edit-${early.id}`, commentId: String(early.id), body: "Rewritten later." });
    expect(edit.status).toBe(403);
    expect(server.db.select().from(schema.comments).all().find((c) => c.id === early.id)!.bodyMd).toBe("Before the lock.");
  });

  it("Atom feeds through a personal secret URL parse in a real feed parser, and stop working when revoked", async () => {
    const reader = await as(E.reader);
    const outsider = await as(E.outsider);
    const made = await reader.post("/s/open-sem/feeds", { intent: "create" });
    const html = await made.text();
    const blogUrl = /value="(http[^"]+\/blog\.atom)"/.exec(html)![1]!;
    const wikiUrl = /value="(http[^"]+\/wiki\.atom)"/.exec(html)![1]!;
    // APP_URL is the public origin; fetch through the test server's address.
    const local = (u: string) => new URL(new URL(u).pathname, server.url).href;

    await reader.post("/s/open-sem/wiki/glossary/edit", { intent: "save", title: "Glossary", body: "Controller & processor **roles**", note: "start", baseRevision: "0" });
    const res = await fetch(local(blogUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const parser = new Parser();
    const blog = await parser.parseString(await res.text());
    expect(blog.title).toBe("Open Seminar — Blog");
    const item = blog.items.find((i) => i.title === "Consent is not a silver bullet")!;
    expect(item.link).toMatch(new RegExp(`/s/open-sem/blog/${ids.post}$`));
    expect(item.content).toContain("<strong>better</strong>");
    expect(item.author).toBe("Author Person");
    expect(blog.items.some((i) => i.title === "Working title")).toBe(false);

    const wiki = await parser.parseString(await (await fetch(local(wikiUrl))).text());
    expect(wiki.items[0]!.title).toBe("New page: Glossary");
    expect(wiki.items[0]!.content).toContain("Controller &amp; processor <strong>roles</strong>");

    // A stranger's token guess, and the token after revoking, are plain 404s.
    expect((await fetch(local(blogUrl.replace(/feeds\/[^/]+/, "feeds/" + "A".repeat(43))))).status).toBe(404);
    await reader.post("/s/open-sem/feeds", { intent: "revoke" });
    expect((await fetch(local(blogUrl))).status).toBe(404);
    expect((await fetch(local(wikiUrl))).status).toBe(404);
    // The feed settings page is behind the seminar wall too.
    expect((await outsider.get("/s/open-sem/feeds")).status).toBe(404);
  });
});

describe("reply digests (model, this file's database)", () => {
  it("collects replies for members who chose a daily or weekly digest and mails them once when due", async () => {
    const { db } = await import("~/models/db.server");
    const { createPost } = await import("~/models/blog.server");
    const { addComment } = await import("~/models/comment.server");
    const { runDigests } = await import("~/services/digest-tasks.server");
    const s = createSeminar(db(), { slug: "digest-sem", title: "Digest Seminar" });
    const daily = await createUser(db(), { email: "daily@example.com", name: "Dee Daily" });
    const weekly = await createUser(db(), { email: "weekly@example.com", name: "Wes Weekly" });
    const talker = await createUser(db(), { email: "talker@example.com", name: "Tal Talker" });
    saveMailChoices(db(), { userId: daily.id, choices: { replies: "daily" } });
    saveMailChoices(db(), { userId: weekly.id, choices: { replies: "weekly" } });
    for (const u of [daily, weekly, talker]) addMember(db(), { seminarId: s.id, userId: u.id });
    const now = digestClockStart(); // three hours after a local morning, not in the future
    await runDigests({ now: now - 3600_000 }); // starts everyone's digest schedule
    const sem = { id: s.id, slug: s.slug };
    const postOf = (authorId: number, title: string) => {
      const r = createPost({ seminar: sem, authorId, input: { title, bodyMd: "Body", tags: "", publish: true } });
      if (!r.ok) throw new Error("post not created");
      return r.post;
    };
    const p1 = postOf(daily.id, "Daily's post");
    const p2 = postOf(weekly.id, "Weekly's post");
    addComment({ seminar: sem, post: p1, authorId: talker.id, parentId: null, bodyMd: "First reply for the daily digest" });
    addComment({ seminar: sem, post: p1, authorId: talker.id, parentId: null, bodyMd: "Second reply for the daily digest" });
    addComment({ seminar: sem, post: p2, authorId: talker.id, parentId: null, bodyMd: "A reply for the weekly digest" });
    const mailTo = (email: string) => db().select().from(schema.outbox).all().filter((m) => m.toAddress === email);
    expect(mailTo("daily@example.com")).toEqual([]);

    const digests = (email: string, cadence: string) => mailTo(email).filter((m) => m.kind === `digest-${cadence}`);
    await runDigests({ now: now + 3600_000 });
    expect(digests("daily@example.com", "daily")).toEqual([]);
    await runDigests({ now: now + 25 * 3600_000 }); // the member's next local morning
    const [digest] = digests("daily@example.com", "daily");
    expect(digest!.subject).toBe("Your daily Colloquy digest: 2 new things");
    expect(digest!.text).toContain("Replies to you");
    expect(digest!.text).toContain("Tal Talker replied on “Daily's post”\n  Digest Seminar · “First reply for the daily digest”");
    expect(digest!.text).toContain("Second reply for the daily digest");
    // Sent once: the next runs have nothing for them.
    await runDigests({ now: now + 26 * 3600_000 });
    await runDigests({ now: now + 49 * 3600_000 });
    expect(digests("daily@example.com", "daily")).toHaveLength(1);
    expect(digests("weekly@example.com", "daily")).toEqual([]);
    await runDigests({ now: now + 8 * 86400_000 });
    const weeklyDigest = digests("weekly@example.com", "weekly");
    expect(weeklyDigest).toHaveLength(1);
    expect(weeklyDigest[0]!.text).toContain("A reply for the weekly digest");
  });
});
