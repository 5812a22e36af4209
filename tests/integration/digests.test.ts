// Issue #15: one daily and one weekly digest per member, built from every kind they chose, at their local morning,
// exactly once per period even when the run stops half way (a restart), skipped when empty; delivered over a real
// SMTP server on loopback with the RFC 8058 one-click unsubscribe headers.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { createPost } from "~/models/blog.server";
import { db, writeTransaction } from "~/models/db.server";
import { digestPeriod, digestStateOf, nextDigestAt } from "~/models/digest.server";
import { notify } from "~/models/notifications.server";
import { saveParticipation } from "~/models/participation.server";
import { mailChoice, setMailChoice } from "~/models/preferences.server";
import { readUnsubscribeToken, unsubscribe } from "~/models/unsubscribe.server";
import { runDigests } from "~/services/digest-tasks.server";
import { deliverDueMail } from "~/services/mail.server";
import { useTestSmtp } from "../helpers/app-smtp";
import { digestClockStart } from "../helpers/digest-time";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const testSmtp = useTestSmtp();

const localHour = (at: number, timeZone: string) =>
  Number(new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(at));

describe("digest schedule", () => {
  it("falls on the member's local morning, Mondays for the weekly one, across daylight-saving changes", () => {
    const after = Date.UTC(2026, 2, 7, 18); // Saturday 7 March 2026, 13:00 in New York; DST starts on the 8th
    const ny = nextDigestAt({ after, timeZone: "America/New_York", cadence: "daily" });
    expect(new Date(ny).toISOString()).toBe("2026-03-08T11:00:00.000Z"); // 07:00 EDT
    const tokyo = nextDigestAt({ after, timeZone: "Asia/Tokyo", cadence: "daily" });
    expect(new Date(tokyo).toISOString()).toBe("2026-03-07T22:00:00.000Z"); // Sunday 07:00 JST (03:00 there now)
    const weekly = nextDigestAt({ after, timeZone: "America/New_York", cadence: "weekly" });
    expect(new Date(weekly).toISOString()).toBe("2026-03-09T11:00:00.000Z");
    expect(digestPeriod({ at: ny, timeZone: "America/New_York", cadence: "daily" })).toBe("2026-03-08");
    expect(digestPeriod({ at: weekly, timeZone: "America/New_York", cadence: "weekly" })).toBe("2026-W11");
    expect(digestPeriod({ at: Date.UTC(2027, 0, 1, 12), timeZone: "UTC", cadence: "weekly" })).toBe("2026-W53");
  });
});

describe("the daily digest", () => {
  it("reaches each member once after a run stopped half way and restarted, with one-click unsubscribe", async () => {
    const seminar = createSeminar(db(), { slug: "digest-law", title: "Digest Law" });
    const other = createSeminar(db(), { slug: "other-law", title: "Other Law" });
    const author = await createUser(db(), { email: "author@example.com", name: "Ada Author" });
    addMember(db(), { seminarId: seminar.id, userId: author.id, role: "instructor" });
    addMember(db(), { seminarId: other.id, userId: author.id, role: "instructor" });
    const people: Record<string, typeof schema.users.$inferSelect> = {};
    for (const key of ["dana", "dora", "dirk", "drew", "paula", "wes", "quiet"]) {
      people[key] = await createUser(db(), { email: `${key}@example.com`, name: `${key[0]!.toUpperCase()}${key.slice(1)} Member` });
      addMember(db(), { seminarId: seminar.id, userId: people[key]!.id });
    }
    writeTransaction((tx) => {
      for (const key of ["dana", "dora", "dirk", "drew", "paula"]) {
        setMailChoice(tx, { userId: people[key]!.id, topic: "posts", choice: "daily" });
        setMailChoice(tx, { userId: people[key]!.id, topic: "replies", choice: "daily" });
      }
      saveParticipation(tx, { userId: people.paula!.id, value: { mode: "paused", timeZone: "America/New_York" } });
      saveParticipation(tx, { userId: people.drew!.id, value: { mode: "active", timeZone: "Asia/Tokyo" } });
      // wes keeps the defaults (posts weekly); quiet hears of posts in the portal only.
      setMailChoice(tx, { userId: people.quiet!.id, topic: "posts", choice: "portal" });
    });

    // The first run only starts everyone's schedule: no backlog is ever mailed.
    // The clock starts three hours after a New York morning (never in the future), an hour before "now": started from
    // Date.now() the runs below crossed a morning at some hours of the day and the counts changed.
    const now = digestClockStart("America/New_York");
    const t0 = now - HOUR;
    const first = await runDigests({ now: t0 });
    expect(first.sent).toBe(0);
    const state = digestStateOf({ userId: people.drew!.id, cadence: "daily" })!;
    expect(localHour(state.next_due_at, "Asia/Tokyo")).toBe(7);
    expect(localHour(digestStateOf({ userId: people.dana!.id, cadence: "daily" })!.next_due_at, "America/New_York")).toBe(7);

    // Things happen: a post in the seminar, one in a seminar they are not in, a reply notification.
    const post = createPost({ seminar, authorId: author.id, input: { title: "Venue clauses after Atlantic Marine", bodyMd: "Body", tags: "", publish: true } });
    createPost({ seminar: other, authorId: author.id, input: { title: "Secret other seminar post", bodyMd: "Body", tags: "", publish: true } });
    if (!post.ok) throw new Error("post not created");
    writeTransaction((tx) =>
      notify(tx, {
        ref: { kind: "post", id: post.post.id },
        event: "comment.posted",
        actorId: author.id,
        recipients: [people.dana!.id, people.paula!.id],
        topic: "replies",
        summary: "Ada Author replied to you on “Venue clauses after Atlantic Marine”",
      }),
    );

    // The next morning everywhere; the run stops after its first batch of two (as if the server restarted).
    const t1 = now + 25 * HOUR;
    const partial = await runDigests({ now: t1, maxBatches: 1, batchSize: 2 });
    expect(partial.checked).toBe(2);
    // After the restart the rest follow; a third run (another tick) finds nothing due.
    const rest = await runDigests({ now: t1 + 5 * 60_000, batchSize: 2 });
    const again = await runDigests({ now: t1 + 10 * 60_000 });
    expect(partial.sent + rest.sent + again.sent).toBe(4);
    await deliverDueMail();

    const daily = testSmtp().messages.filter((m) => m.subject.startsWith("Your daily Colloquy digest"));
    expect(daily.map((m) => m.to).sort()).toEqual(["dana@example.com", "dirk@example.com", "dora@example.com", "drew@example.com"]);
    const dana = daily.find((m) => m.to === "dana@example.com")!;
    expect(dana.subject).toBe("Your daily Colloquy digest: 2 new things");
    expect(dana.text).toContain("For you");
    expect(dana.text).toContain("Ada Author replied to you on “Venue clauses after Atlantic Marine”");
    expect(dana.text).toContain("New posts in your seminars");
    expect(dana.text).toContain(`http://localhost:3999/s/digest-law/blog/${post.post.id}`);
    expect(dana.text).not.toContain("Secret other seminar post");
    expect(dana.html).toContain("<h2");
    expect(dana.html).toContain("Venue clauses after Atlantic Marine");
    // RFC 8058 headers; the link works for this member and this digest only.
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(dana.raw.replace(/\r?\n[ \t]+/g, " "))?.[1]?.trim();
    expect(header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const url = /^<(http[^>]+)>$/.exec(header("List-Unsubscribe")!)![1]!;
    expect(dana.text).toContain(url);
    const token = url.split("/unsubscribe/")[1]!;
    expect(readUnsubscribeToken(token)).toEqual({ userId: people.dana!.id, kind: "digest-daily" });
    expect(readUnsubscribeToken(token.replace(`${people.dana!.id}.`, `${people.dora!.id}.`))).toBeNull();
    // Delivered mail keeps no live link in the database.
    expect(db().select().from(schema.outbox).where(eq(schema.outbox.toAddress, "dana@example.com")).get()!.listUnsubscribe).toBeNull();

    // Dora had no reply, only the post; paused Paula, weekly Wes and portal-only Quiet got nothing.
    expect(daily.find((m) => m.to === "dora@example.com")!.text).not.toContain("For you");
    expect(testSmtp().messages.some((m) => ["paula@example.com", "wes@example.com", "quiet@example.com"].includes(m.to))).toBe(false);
    expect(digestStateOf({ userId: people.dana!.id, cadence: "daily" })!.last_period).toBe(
      digestPeriod({ at: t1, timeZone: "America/New_York", cadence: "daily" }),
    );

    // The following morning nothing new happened: no mail (an empty digest is skipped).
    testSmtp().clear();
    const t2 = t1 + DAY;
    const quiet = await runDigests({ now: t2 });
    expect(quiet.sent).toBe(0);
    expect(quiet.empty).toBeGreaterThanOrEqual(4);
    await deliverDueMail();
    expect(testSmtp().messages).toEqual([]);

    // One click turns the daily digest off: every daily topic becomes "in the portal only".
    expect(unsubscribe({ userId: people.dana!.id, kind: "digest-daily" }).sort()).toEqual(["posts", "replies"]);
    expect(mailChoice({ userId: people.dana!.id, topic: "posts" })).toBe("portal");
    expect(unsubscribe({ userId: people.dana!.id, kind: "digest-daily" })).toEqual([]);
  });
});

describe("a large run", () => {
  it("works in small batches: each holds the server only briefly", async () => {
    const seminar = createSeminar(db(), { slug: "big-law", title: "Big Law" });
    const author = await createUser(db(), { email: "big-author@example.com", name: "Big Author" });
    addMember(db(), { seminarId: seminar.id, userId: author.id, role: "instructor" });
    const hash = db().select({ h: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.id, author.id)).get()!.h;
    writeTransaction((tx) => {
      for (let i = 0; i < 400; i++) {
        const u = tx.insert(schema.users).values({ email: `bulk${i}@example.com`, name: `Bulk Member ${i}`, passwordHash: hash }).returning().get();
        tx.insert(schema.memberships).values({ seminarId: seminar.id, userId: u.id, role: "attendee" }).run();
        setMailChoice(tx, { userId: u.id, topic: "posts", choice: "daily" });
      }
    });
    const t0 = Date.now() - 1000;
    await runDigests({ now: t0 });
    createPost({ seminar, authorId: author.id, input: { title: "News for everyone", bodyMd: "Body", tags: "", publish: true } });
    const r = await runDigests({ now: t0 + 25 * HOUR });
    expect(r.sent).toBeGreaterThanOrEqual(400);
    // Cut into batches of at most 20 members, each followed by a yield, so no batch holds the server for long.
    // (How long one takes is measured by the benchmark, never by a timed test.)
    expect(r.largestBatch).toBeLessThanOrEqual(20);
    expect(r.batches).toBeGreaterThanOrEqual(20);
  });
});
