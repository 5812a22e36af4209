// Direct messages (issue #15), who may write to whom: each member's "who may message me" choice, the unread-mail
// delay, and their block list. A refusal never says whether it was the member's choice or a block.
import { and, eq, sql } from "drizzle-orm";
import { memberBlocks, messageSettings, users, UNREAD_MAIL_DELAYS, WHO_MAY_MESSAGE, type WhoMayMessage } from "../../db/schema";
import { db, prepared, writeTransaction, type DB } from "./db.server";
import { memberNames, relationsFor, type Viewer } from "./profile.server";

export { WHO_MAY_MESSAGE, UNREAD_MAIL_DELAYS, type WhoMayMessage };

export const WHO_MAY_MESSAGE_LABELS: Record<WhoMayMessage, string> = {
  network: "Anyone in the network",
  seminars: "People in my seminars (and staff)",
  instructors: "Instructors of my seminars and staff only",
  nobody: "Nobody",
};

export const DEFAULT_MESSAGE_SETTINGS = { whoMayMessage: "network" as WhoMayMessage, unreadMailMinutes: 60 };

export function unreadDelayLabel(minutes: number): string {
  if (minutes < 60) return `After ${minutes} minutes`;
  if (minutes < 1440) return `After ${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return "After a day";
}

// --- settings and blocks ------------------------------------------------------------------------------------

export function messageSettingsFor({ userId }: { userId: number }) {
  const row = prepared("messages.settings", (d) =>
    d.select().from(messageSettings).where(eq(messageSettings.userId, sql.placeholder("userId"))).prepare(),
  ).get({ userId });
  return row ? { whoMayMessage: row.whoMayMessage, unreadMailMinutes: row.unreadMailMinutes } : { ...DEFAULT_MESSAGE_SETTINGS };
}

export function saveMessageSettings({ userId, whoMayMessage, unreadMailMinutes }: { userId: number; whoMayMessage: WhoMayMessage; unreadMailMinutes: number }) {
  writeTransaction((tx) =>
    tx
      .insert(messageSettings)
      .values({ userId, whoMayMessage, unreadMailMinutes, updatedAt: Date.now() })
      .onConflictDoUpdate({ target: messageSettings.userId, set: { whoMayMessage, unreadMailMinutes, updatedAt: Date.now() } })
      .run(),
  );
}

export function listBlocked({ userId }: { userId: number }) {
  const rows = db().select({ id: memberBlocks.blockedId }).from(memberBlocks).where(eq(memberBlocks.userId, userId)).all();
  const names = memberNames(rows.map((r) => r.id));
  return rows.map((r) => names.get(r.id) ?? { id: r.id, name: "Former member" });
}

export function setBlocked({ userId, otherId, blocked }: { userId: number; otherId: number; blocked: boolean }) {
  if (userId === otherId) return;
  writeTransaction((tx) => {
    if (blocked) tx.insert(memberBlocks).values({ userId, blockedId: otherId }).onConflictDoNothing().run();
    else tx.delete(memberBlocks).where(and(eq(memberBlocks.userId, userId), eq(memberBlocks.blockedId, otherId))).run();
  });
}

export function hasBlocked({ userId, otherId }: { userId: number; otherId: number }): boolean {
  return !!prepared("messages.hasBlocked", (d) =>
    d
      .select({ id: memberBlocks.userId })
      .from(memberBlocks)
      .where(and(eq(memberBlocks.userId, sql.placeholder("userId")), eq(memberBlocks.blockedId, sql.placeholder("otherId"))))
      .prepare(),
  ).get({ userId, otherId });
}

/** Of these members, those who blocked `senderId`. */
export function blockersOf(tx: DB, senderId: number, ids: number[]): Set<number> {
  if (!ids.length) return new Set();
  const rows = tx.all<{ id: number }>(sql`
    select user_id as id from member_blocks
    where blocked_id = ${senderId} and user_id in (select value from json_each(${JSON.stringify(ids)}))`);
  return new Set(rows.map((r) => r.id));
}

// --- who may message whom -----------------------------------------------------------------------------------

/**
 * Of these recipients, the ones `sender` may start a conversation with. A refusal never says why (a block is
 * not told; "their choice" and "blocked" read the same): see issue #15.
 */
export function messageableIds(sender: Viewer, recipientIds: number[]): Set<number> {
  const ids = [...new Set(recipientIds)].filter((id) => id !== sender.id);
  const out = new Set<number>();
  if (!ids.length) return out;
  const rows = db().all<{ id: number; status: string; who: WhoMayMessage | null }>(sql`
    select u.id as id, u.status as status, s.who_may_message as who
    from users u left join message_settings s on s.user_id = u.id
    where u.id in (select value from json_each(${JSON.stringify(ids)}))`);
  const relations = relationsFor(sender, ids);
  const blockers = blockersOf(db(), sender.id, ids);
  for (const r of rows) {
    if (r.status !== "active" || blockers.has(r.id)) continue;
    const who = r.who ?? DEFAULT_MESSAGE_SETTINGS.whoMayMessage;
    const rel = relations.get(r.id);
    const staff = sender.role === "admin";
    const ok =
      who === "network" ||
      (who === "seminars" && (staff || rel === "instructor" || rel === "classmate")) ||
      (who === "instructors" && (staff || rel === "instructor"));
    if (ok) out.add(r.id);
  }
  return out;
}

export function mayMessage(sender: Viewer, recipientId: number): boolean {
  return messageableIds(sender, [recipientId]).has(recipientId);
}
