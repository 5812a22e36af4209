// The spine's one way to tell people (COMMUNITY-DESIGN.md): notify() writes notification rows in the transaction of
// the change, after filtering recipients through canSee and their own choices; instant mail goes through the outbox,
// daily and weekly ones are left to the digest builder. Features never mail members about a choosable event themselves.
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { notifications, users } from "../../db/schema";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { publishToUser } from "~/services/events.server";
import { env } from "~/utils/env.server";
import { db, type DB } from "./db.server";
import { summarizeVisible, visibleRefs, type ItemRef, type Viewer } from "./items.server";
import { pausedAmong } from "./participation.server";
import { MAIL_TOPIC_LABELS, mailChoice, type MailTopic } from "./preferences.server";

export const NOTIFICATIONS_PAGE_SIZE = 30;
/** Read notifications older than this are pruned (issue #15). */
export const NOTIFICATION_RETENTION_MS = 90 * 24 * 3600_000;

export interface NotifyInput {
  ref: ItemRef;
  /** Short dotted name of what happened ("answer.posted"). */
  event: string;
  actorId: number | null;
  recipients: number[];
  /** Whose choice applies: the member's setting for this topic decides portal, mail at once, digest or nothing. */
  topic: MailTopic;
  /** One plain-text line, e.g. "Ada Lovelace answered your question “Venue clauses”". */
  summary: string;
}

/**
 * Members who can be reached at all: active accounts. Participation mode, blocks and pauses are added here so that
 * every feature gets them (issue #15).
 */
function reachable(tx: DB, ids: number[]): Map<number, { id: number; email: string; name: string; role: "admin" | "member" }> {
  if (ids.length === 0) return new Map();
  const found = tx
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.status, "active")))
    .all();
  // Issue #15: a member who paused hears of nothing until they come back.
  const paused = pausedAmong(tx, found.map((u) => u.id));
  return new Map(found.filter((u) => !paused.has(u.id)).map((u) => [u.id, u]));
}

/**
 * Call INSIDE the writeTransaction of the change. Drops the actor, duplicates, members who may not see the item and
 * those whose choice for the topic is "never"; writes one row each; queues mail at once for "immediate"; pushes a live
 * "notifications" event after the transaction. Returns the ids of the members notified.
 */
export function notify(tx: DB, input: NotifyInput): number[] {
  const ids = [...new Set(input.recipients)].filter((id) => id !== input.actorId);
  const people = reachable(tx, ids);
  // A member who blocked the actor hears nothing of what they do (issue #15; mentions, answers, replies alike).
  if (input.actorId !== null && ids.length) {
    const blockers = tx.$client
      .prepare(`select user_id as id from member_blocks where blocked_id = ? and user_id in (select value from json_each(?))`)
      .all(input.actorId, JSON.stringify(ids)) as { id: number }[];
    for (const b of blockers) people.delete(b.id);
  }
  const now = Date.now();
  const notified: number[] = [];
  const summary = input.summary.replace(/\s+/g, " ").trim().slice(0, 300);
  for (const id of ids) {
    const person = people.get(id);
    if (!person) continue;
    const viewer: Viewer = { id: person.id, role: person.role };
    const seen = summarizeVisible(viewer, [input.ref]).get(`${input.ref.kind}:${input.ref.id}`);
    if (!seen) continue;
    const choice = mailChoice({ userId: id, topic: input.topic }) as string;
    if (choice === "never") continue;
    const delivery = (["immediate", "daily", "weekly"].includes(choice) ? choice : "portal") as "portal" | "immediate" | "daily" | "weekly";
    tx.insert(notifications)
      .values({
        userId: id,
        event: input.event.slice(0, 60),
        topic: input.topic,
        refKind: input.ref.kind,
        refId: input.ref.id,
        actorId: input.actorId,
        seminarId: seen.seminarId,
        summary,
        delivery,
        createdAt: now,
      })
      .run();
    if (delivery === "immediate") {
      const mail = renderEmail("notification", {
        name: person.name,
        summary,
        title: seen.title,
        link: new URL(seen.href, env().APP_URL).href,
        topic: MAIL_TOPIC_LABELS[input.topic].label,
        settingsLink: new URL("/profile/settings#mail-title", env().APP_URL).href,
      });
      enqueueMail(tx, { to: person.email, kind: `notification:${input.topic}`, ...mail, unsubscribe: { userId: id, kind: input.topic } });
    }
    notified.push(id);
  }
  // A write transaction is synchronous, so by the time this runs it has committed (or rolled back: then a stale
  // "something changed" only makes a page refetch).
  if (notified.length) setImmediate(() => notified.forEach((id) => publishToUser(id, "notifications", {})));
  return notified;
}

export interface NotificationEntry {
  id: number;
  event: string;
  summary: string;
  title: string;
  href: string;
  createdAt: number;
  read: boolean;
}

/**
 * A member's notifications, newest first. Each is checked again with canSee: an item hidden or removed since, or a
 * seminar the member has left, drops out (and its text with it).
 */
export function listNotifications({ viewer, page = 1 }: { viewer: Viewer; page?: number }): {
  entries: NotificationEntry[];
  hasMore: boolean;
} {
  const found = db()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, viewer.id))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE)
    .all();
  const hasMore = found.length > NOTIFICATIONS_PAGE_SIZE;
  const rows = found.slice(0, NOTIFICATIONS_PAGE_SIZE);
  const seen = summarizeVisible(
    viewer,
    rows.map((r) => ({ kind: r.refKind, id: r.refId }) as ItemRef),
  );
  const entries: NotificationEntry[] = [];
  for (const r of rows) {
    const s = seen.get(`${r.refKind}:${r.refId}`);
    if (!s) continue;
    entries.push({ id: r.id, event: r.event, summary: r.summary, title: s.title, href: s.href, createdAt: r.createdAt, read: r.readAt != null });
  }
  return { entries, hasMore };
}

/** Unread notifications whose item the member may still see (the header's bell). */
export function unreadNotificationCount({ viewer }: { viewer: Viewer }): number {
  const refs = db()
    .select({ kind: notifications.refKind, id: notifications.refId })
    .from(notifications)
    .where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt)))
    .limit(100)
    .all() as ItemRef[];
  return visibleRefs(viewer, refs).length;
}

/** Marks the given notifications (or all) of this member as read; other members' ids are ignored. */
export function markNotificationsRead({ userId, ids }: { userId: number; ids: number[] | "all" }): number {
  const where =
    ids === "all"
      ? and(eq(notifications.userId, userId), isNull(notifications.readAt))
      : and(eq(notifications.userId, userId), isNull(notifications.readAt), inArray(notifications.id, ids.length ? ids : [-1]));
  const changed = db().update(notifications).set({ readAt: Date.now() }).where(where).run().changes;
  if (changed) publishToUser(userId, "notifications", {});
  return changed;
}

/** Forgets read notifications older than the retention period (housekeeping task). */
export function pruneNotifications(now = Date.now()): number {
  return db()
    .delete(notifications)
    .where(and(sql`${notifications.readAt} is not null`, lt(notifications.createdAt, now - NOTIFICATION_RETENTION_MS)))
    .run().changes;
}
