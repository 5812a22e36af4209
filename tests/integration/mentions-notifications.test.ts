// Issue #15: mentions notify only people who may see the content; paused members hear nothing; the notification
// centre prunes read notifications after 90 days; choices ("in the portal only", "never") apply. In process, against
// this file's own database.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { createPost, updatePost } from "~/models/blog.server";
import { addComment } from "~/models/comment.server";
import { db, writeTransaction } from "~/models/db.server";
import { completeMentions, mentionedIds } from "~/models/mentions.server";
import { listNotifications, markNotificationsRead, NOTIFICATION_RETENTION_MS, pruneNotifications } from "~/models/notifications.server";
import { saveParticipation } from "~/models/participation.server";
import { setMailChoice } from "~/models/preferences.server";
import { saveWikiPage } from "~/models/wiki.server";

const notesOf = (userId: number) => db().select().from(schema.notifications).where(eq(schema.notifications.userId, userId)).all();
const mailsTo = (email: string) => db().select().from(schema.outbox).where(eq(schema.outbox.toAddress, email)).all();

describe("mentions", () => {
  it("finds explicit and unambiguous hand-typed names, not code or e-mail addresses", () => {
    const people = [
      { id: 1, name: "Ada Lovelace" },
      { id: 2, name: "Ada Byron" },
      { id: 3, name: "Grace Hopper" },
      { id: 4, name: "Alan Turing" },
    ];
    expect(mentionedIds("Thanks @[Alan Turing](/people/4)!", people)).toEqual([4]);
    expect(mentionedIds("Ask @Grace about it, and @Ada Lovelace too.", people).sort()).toEqual([1, 3]);
    // "@Ada" alone is two people: nobody is guessed.
    expect(mentionedIds("cc @Ada", people)).toEqual([]);
    expect(mentionedIds("mail grace@hopper.example or see `@Grace` and\n```\n@Alan\n```", people)).toEqual([]);
  });

  it("notify only the people who may see the post, comment or wiki page, once per new mention", async () => {
    const seminar = createSeminar(db(), { slug: "mention-law", title: "Mention Law" });
    const elsewhere = createSeminar(db(), { slug: "elsewhere", title: "Elsewhere" });
    const writer = await createUser(db(), { email: "writer@example.com", name: "Wanda Writer" });
    const reader = await createUser(db(), { email: "reader@example.com", name: "Rita Reader" });
    const portal = await createUser(db(), { email: "portal@example.com", name: "Pia Portal" });
    const paused = await createUser(db(), { email: "paused@example.com", name: "Paul Paused" });
    const outsider = await createUser(db(), { email: "outsider@example.com", name: "Otto Outsider" });
    for (const u of [writer, reader, portal, paused]) addMember(db(), { seminarId: seminar.id, userId: u.id });
    addMember(db(), { seminarId: elsewhere.id, userId: outsider.id });
    writeTransaction((tx) => {
      setMailChoice(tx, { userId: portal.id, topic: "mentions", choice: "portal" });
      saveParticipation(tx, { userId: paused.id, value: { mode: "paused", timeZone: "UTC" } });
    });

    // Completion offers the seminar's members only.
    expect(completeMentions(db(), { seminarId: seminar.id, q: "r" }).map((p) => p.name)).toEqual(["Rita Reader"]);
    expect(completeMentions(db(), { seminarId: seminar.id, q: "ott" })).toEqual([]);

    const body = `Over to @[Rita Reader](/people/${reader.id}), @Pia Portal, @Paul Paused and @[Otto Outsider](/people/${outsider.id}).`;
    const draft = createPost({ seminar, authorId: writer.id, input: { title: "Forum clauses", bodyMd: body, tags: "", publish: false } });
    if (!draft.ok) throw new Error("not created");
    // A draft is the author's alone: nobody is told yet.
    expect(notesOf(reader.id)).toEqual([]);
    const published = updatePost({ seminar, post: draft.post, actorId: writer.id, input: { title: "Forum clauses", bodyMd: body, tags: "", publish: true } });
    if (!published.ok) throw new Error("not published");
    expect(notesOf(reader.id).map((n) => [n.event, n.summary, n.delivery])).toEqual([["mention", "Wanda Writer mentioned you in “Forum clauses”", "immediate"]]);
    expect(mailsTo("reader@example.com").map((m) => m.kind)).toEqual(["notification:mentions"]);
    expect(mailsTo("reader@example.com")[0]!.listUnsubscribe).toMatch(/\/unsubscribe\//);
    expect(notesOf(portal.id).map((n) => n.delivery)).toEqual(["portal"]);
    expect(mailsTo("portal@example.com")).toEqual([]);
    // Paused, and someone who cannot see the seminar: nothing, not even the text.
    expect(notesOf(paused.id)).toEqual([]);
    expect(notesOf(outsider.id)).toEqual([]);
    expect(mailsTo("outsider@example.com")).toEqual([]);

    // Editing again notifies nobody twice; a newly mentioned person is told.
    const second = updatePost({
      seminar,
      post: published.post,
      actorId: writer.id,
      input: { title: "Forum clauses", bodyMd: `${body} And @Wanda Writer herself.`, tags: "", publish: true },
    });
    expect(second.ok).toBe(true);
    expect(notesOf(reader.id)).toHaveLength(1);
    expect(notesOf(writer.id)).toEqual([]); // never told of their own mention

    // Comments and wiki pages too.
    addComment({ seminar, post: published.post, authorId: reader.id, parentId: null, bodyMd: "Agreed, @Wanda." });
    expect(notesOf(writer.id).map((n) => n.summary)).toEqual(["Rita Reader mentioned you in “Forum clauses”"]);
    const wiki = saveWikiPage({ seminar, slug: null, title: "Reading list", bodyMd: "Curated by @Rita Reader", note: "", baseRevision: 0, authorId: writer.id });
    expect(wiki.ok).toBe(true);
    expect(notesOf(reader.id).map((n) => n.refKind)).toEqual(["post", "wiki"]);

    // The centre lists them with links; marking read, then pruning after 90 days.
    const { entries } = listNotifications({ viewer: { id: reader.id, role: "member" } });
    expect(entries.map((e) => e.href)).toEqual(["/s/mention-law/wiki/reading-list", `/s/mention-law/blog/${published.post.id}`]);
    expect(markNotificationsRead({ userId: reader.id, ids: [entries[1]!.id] })).toBe(1);
    // Another member's id is ignored.
    expect(markNotificationsRead({ userId: outsider.id, ids: [entries[0]!.id] })).toBe(0);
    const later = Date.now() + NOTIFICATION_RETENTION_MS + 60_000;
    expect(pruneNotifications(later)).toBeGreaterThanOrEqual(1);
    // The unread one stays however old it is.
    expect(notesOf(reader.id).map((n) => n.refKind)).toEqual(["wiki"]);
  });
});
