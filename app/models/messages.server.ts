// Direct messages (issue #15): one-to-one and small-group conversations between members. Who may start one is the
// recipient's choice ("who may message me") and their block list; nobody reads a conversation they are not in.
// Each member row carries the id of the newest message that member may see, so unread is one comparison per row.
import { and, eq, sql } from "drizzle-orm";
import {
  conversationMembers,
  conversations,
  memberBlocks,
  messageSettings,
  messages,
  users,
  UNREAD_MAIL_DELAYS,
  WHO_MAY_MESSAGE,
  type WhoMayMessage,
} from "../../db/schema";
import { htmlToText } from "~/services/markdown.server";
import { db, prepared, writeTransaction, type DB } from "./db.server";
import { renderUserMarkdown } from "./blog.server";
import type { KindHandler } from "./items.server";
import { memberNames, relationsFor, type Viewer } from "./profile.server";

export { WHO_MAY_MESSAGE, UNREAD_MAIL_DELAYS, type WhoMayMessage };

import { MAX_PARTICIPANTS, MESSAGE_MAX_CHARS } from "~/utils/messages";

export { MAX_PARTICIPANTS, MESSAGE_MAX_CHARS };
export const MESSAGES_PAGE = 50;
export const INBOX_PAGE = 30;

/** Rate limits (counted from the messages table itself, so there is nothing more to keep). */
export const MESSAGE_LIMITS = {
  perTenMinutes: 40,
  newConversationsPerHour: 10,
};

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
function blockersOf(tx: DB, senderId: number, ids: number[]): Set<number> {
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

// --- rate limits --------------------------------------------------------------------------------------------

export type LimitRefusal = { ok: false; status: 429; error: string };

function rateLimitFor(tx: DB, senderId: number, now: number, starting: boolean): LimitRefusal | null {
  const recent = tx.get<{ n: number }>(sql`
    select count(*) as n from messages where author_id = ${senderId} and created_at > ${now - 10 * 60_000}`)!.n;
  if (recent >= MESSAGE_LIMITS.perTenMinutes) {
    return { ok: false, status: 429, error: `You have sent ${MESSAGE_LIMITS.perTenMinutes} messages in ten minutes, the most we allow. Please wait a few minutes and send it again; your text is kept below.` };
  }
  if (starting) {
    const started = tx.get<{ n: number }>(sql`
      select count(*) as n from conversations where created_by_id = ${senderId} and created_at > ${now - 60 * 60_000}`)!.n;
    if (started >= MESSAGE_LIMITS.newConversationsPerHour) {
      return { ok: false, status: 429, error: `You have started ${MESSAGE_LIMITS.newConversationsPerHour} conversations in the last hour, the most we allow. Please wait a while, or write in a conversation you already have.` };
    }
  }
  return null;
}

// --- writing ------------------------------------------------------------------------------------------------

export interface Attachment {
  storedName: string;
  fileName: string;
  contentType: string;
  size: number;
}

export type SendResult =
  | { ok: true; conversationId: number; messageId: number; recipients: number[] }
  | { ok: false; status: 400 | 404 | 429; error: string; field?: "body" | "to" };

function checkBody(bodyMd: string, attachment: Attachment | null): { ok: true; html: string } | { ok: false; status: 400; error: string; field: "body" } {
  const text = bodyMd.trim();
  if (!text && !attachment) return { ok: false, status: 400, error: "Write a message (or attach a file).", field: "body" };
  if (bodyMd.length > MESSAGE_MAX_CHARS) {
    return {
      ok: false,
      status: 400,
      error: `This message is ${bodyMd.length.toLocaleString("en-US")} characters long; a message can have at most ${MESSAGE_MAX_CHARS.toLocaleString("en-US")}. Shorten it, or attach the text as a file. Your text is kept below.`,
      field: "body",
    };
  }
  const rendered = renderUserMarkdown(text);
  if (!rendered.ok) return { ok: false, status: 400, error: rendered.error, field: "body" };
  return { ok: true, html: rendered.html };
}

/** Adds a message inside `tx` and moves every member's pointers; returns who should hear about it. */
function insertMessage(
  tx: DB,
  { conversationId, senderId, bodyMd, bodyHtml, attachment, now }: { conversationId: number; senderId: number; bodyMd: string; bodyHtml: string; attachment: Attachment | null; now: number },
): { messageId: number; recipients: number[] } {
  const row = tx
    .insert(messages)
    .values({
      conversationId,
      authorId: senderId,
      bodyMd,
      bodyHtml,
      attachmentStored: attachment?.storedName ?? null,
      attachmentName: attachment?.fileName ?? null,
      attachmentType: attachment?.contentType ?? null,
      attachmentSize: attachment?.size ?? null,
      createdAt: now,
    })
    .returning({ id: messages.id })
    .get();
  tx.update(conversations).set({ lastMessageId: row.id, lastMessageAt: now }).where(eq(conversations.id, conversationId)).run();
  const members = tx
    .select({ userId: conversationMembers.userId })
    .from(conversationMembers)
    .where(and(eq(conversationMembers.conversationId, conversationId), sql`${conversationMembers.leftAt} is null`))
    .all()
    .map((m) => m.userId);
  // A member who blocked the sender does not see the message at all, and nothing moves for them (issue #15: silently).
  const blockers = blockersOf(tx, senderId, members);
  const recipients = members.filter((id) => id !== senderId && !blockers.has(id));
  tx.run(sql`
    update conversation_members
    set last_message_id = ${row.id}, last_message_at = ${now},
        pending_since = coalesce(pending_since, ${now})
    where conversation_id = ${conversationId} and left_at is null
      and user_id in (select value from json_each(${JSON.stringify(recipients)}))`);
  // The sender has read their own message.
  tx.run(sql`
    update conversation_members set last_message_id = ${row.id}, last_read_id = ${row.id}, last_message_at = ${now}, pending_since = null
    where conversation_id = ${conversationId} and user_id = ${senderId}`);
  return { messageId: row.id, recipients };
}

/**
 * Starts a conversation (or continues the one-to-one conversation the two already have). Every recipient must
 * accept messages from the sender; the refusal names nobody's reason.
 */
export function startConversation({
  sender,
  recipientIds,
  title = "",
  bodyMd,
  attachment = null,
  now = Date.now(),
}: {
  sender: Viewer;
  recipientIds: number[];
  title?: string;
  bodyMd: string;
  attachment?: Attachment | null;
  now?: number;
}): SendResult {
  const ids = [...new Set(recipientIds)].filter((id) => id !== sender.id);
  if (!ids.length) return { ok: false, status: 400, error: "Choose at least one person to write to.", field: "to" };
  if (ids.length + 1 > MAX_PARTICIPANTS) {
    return { ok: false, status: 400, error: `A conversation can have at most ${MAX_PARTICIPANTS} people, you included.`, field: "to" };
  }
  const allowed = messageableIds(sender, ids);
  const refused = ids.filter((id) => !allowed.has(id));
  if (refused.length) {
    const names = memberNames(refused);
    const list = refused.map((id) => names.get(id)?.name ?? "This member").join(", ");
    return { ok: false, status: 400, error: `${list} ${refused.length === 1 ? "does" : "do"} not accept messages from you.`, field: "to" };
  }
  const body = checkBody(bodyMd, attachment);
  if (!body.ok) return body;
  return writeTransaction((tx) => {
    let conversationId: number | null = null;
    if (ids.length === 1) {
      const existing = tx.get<{ id: number }>(sql`
        select c.id as id from conversations c
        join conversation_members a on a.conversation_id = c.id and a.user_id = ${sender.id} and a.left_at is null
        join conversation_members b on b.conversation_id = c.id and b.user_id = ${ids[0]} and b.left_at is null
        where (select count(*) from conversation_members m where m.conversation_id = c.id) = 2
        order by c.id limit 1`);
      conversationId = existing?.id ?? null;
    }
    const limited = rateLimitFor(tx, sender.id, now, conversationId === null);
    if (limited) return limited;
    if (conversationId === null) {
      conversationId = tx
        .insert(conversations)
        .values({ title: title.trim().slice(0, 120), createdById: sender.id, createdAt: now, lastMessageAt: now })
        .returning({ id: conversations.id })
        .get().id;
      tx.insert(conversationMembers)
        .values([sender.id, ...ids].map((userId) => ({ conversationId: conversationId!, userId, joinedAt: now, lastMessageAt: now })))
        .run();
    }
    const { messageId, recipients } = insertMessage(tx, { conversationId, senderId: sender.id, bodyMd: bodyMd.trim(), bodyHtml: body.html, attachment, now });
    return { ok: true as const, conversationId, messageId, recipients };
  });
}

/** A new message in a conversation the sender is (still) in. */
export function sendMessage({
  sender,
  conversationId,
  bodyMd,
  attachment = null,
  now = Date.now(),
}: {
  sender: Viewer;
  conversationId: number;
  bodyMd: string;
  attachment?: Attachment | null;
  now?: number;
}): SendResult {
  const body = checkBody(bodyMd, attachment);
  if (!body.ok) return body;
  return writeTransaction((tx) => {
    const me = tx
      .select({ leftAt: conversationMembers.leftAt })
      .from(conversationMembers)
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, sender.id)))
      .get();
    if (!me || me.leftAt !== null) return { ok: false as const, status: 404 as const, error: "No such conversation." };
    const limited = rateLimitFor(tx, sender.id, now, false);
    if (limited) return limited;
    const { messageId, recipients } = insertMessage(tx, { conversationId, senderId: sender.id, bodyMd: bodyMd.trim(), bodyHtml: body.html, attachment, now });
    return { ok: true as const, conversationId, messageId, recipients };
  });
}

export function leaveConversation({ userId, conversationId, now = Date.now() }: { userId: number; conversationId: number; now?: number }) {
  writeTransaction((tx) =>
    tx
      .update(conversationMembers)
      .set({ leftAt: now, pendingSince: null })
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
      .run(),
  );
}

export function setMuted({ userId, conversationId, muted }: { userId: number; conversationId: number; muted: boolean }) {
  writeTransaction((tx) =>
    tx
      .update(conversationMembers)
      .set(muted ? { mutedAt: Date.now(), pendingSince: null } : { mutedAt: null })
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
      .run(),
  );
}

/** The member has seen everything up to now in this conversation. */
export function markConversationRead({ userId, conversationId }: { userId: number; conversationId: number }) {
  const row = membership({ userId, conversationId });
  if (!row || row.lastReadId >= row.lastMessageId) return;
  writeTransaction((tx) =>
    tx.run(sql`
      update conversation_members set last_read_id = last_message_id, pending_since = null
      where conversation_id = ${conversationId} and user_id = ${userId}`),
  );
}

// --- reading ------------------------------------------------------------------------------------------------

/** The viewer's row in a conversation they are still in, or null (then the page is a 404). */
export function membership({ userId, conversationId }: { userId: number; conversationId: number }) {
  const row = prepared("messages.membership", (d) =>
    d
      .select()
      .from(conversationMembers)
      .where(and(eq(conversationMembers.conversationId, sql.placeholder("c")), eq(conversationMembers.userId, sql.placeholder("u"))))
      .prepare(),
  ).get({ c: conversationId, u: userId });
  return row && row.leftAt === null ? row : null;
}

/** Conversations with a message this member has not read (muted ones do not count); for the header. */
export function unreadConversationCount({ userId }: { userId: number }): number {
  const stmt = prepared("messages.unreadCount", (d) =>
    d.$client.prepare(
      `select count(*) as n from conversation_members
       where user_id = ? and left_at is null and muted_at is null and last_message_id > last_read_id`,
    ),
  );
  return (stmt.get(userId) as { n: number }).n;
}

export interface InboxRow {
  id: number;
  title: string;
  people: { id: number; name: string }[];
  unread: boolean;
  muted: boolean;
  lastAt: number;
  excerpt: string;
  lastAuthor: string | null;
}

/** The member's conversations, newest first (keyset by the time of the last message). */
export function listInbox({ userId, before }: { userId: number; before?: number }): { rows: InboxRow[]; nextBefore: number | null } {
  const stmt = prepared("messages.inbox", (d) =>
    d.$client.prepare(
      `select cm.conversation_id as id, c.title as title, cm.last_message_at as lastAt, cm.last_message_id as lastId,
              cm.last_read_id as readId, cm.muted_at as mutedAt, m.body_html as html, m.author_id as authorId,
              m.attachment_name as attachment,
              (select json_group_array(o.user_id) from (select user_id from conversation_members o
                 where o.conversation_id = cm.conversation_id and o.user_id != cm.user_id and o.left_at is null limit 6) o) as others
       from conversation_members cm
       join conversations c on c.id = cm.conversation_id
       left join messages m on m.id = cm.last_message_id
       where cm.user_id = ? and cm.left_at is null and cm.last_message_at < ?
       order by cm.last_message_at desc limit ?`,
    ),
  );
  const rows = stmt.all(userId, before ?? Number.MAX_SAFE_INTEGER, INBOX_PAGE + 1) as {
    id: number;
    title: string;
    lastAt: number;
    lastId: number;
    readId: number;
    mutedAt: number | null;
    html: string | null;
    authorId: number | null;
    attachment: string | null;
    others: string;
  }[];
  const page = rows.slice(0, INBOX_PAGE);
  const otherIds = page.map((r) => JSON.parse(r.others) as number[]);
  const names = memberNames([...otherIds.flat(), ...page.map((r) => r.authorId ?? 0)]);
  return {
    rows: page.map((r, i) => ({
      id: r.id,
      title: r.title,
      people: otherIds[i]!.map((id) => ({ id, name: names.get(id)?.name ?? "Former member" })),
      unread: r.lastId > r.readId,
      muted: r.mutedAt !== null,
      lastAt: r.lastAt,
      excerpt: r.html ? htmlToText(r.html, 140) || (r.attachment ? `Attachment: ${r.attachment}` : "") : "",
      lastAuthor: r.authorId === userId ? "You" : r.authorId ? (names.get(r.authorId)?.name ?? null) : null,
    })),
    nextBefore: rows.length > INBOX_PAGE ? page[page.length - 1]!.lastAt : null,
  };
}

export interface ConversationView {
  id: number;
  title: string;
  people: { id: number; name: string; href?: string; left: boolean }[];
  muted: boolean;
  lastReadId: number;
}

export function getConversation({ viewer, conversationId }: { viewer: Viewer; conversationId: number }): ConversationView | null {
  const me = membership({ userId: viewer.id, conversationId });
  if (!me) return null;
  const c = db().select().from(conversations).where(eq(conversations.id, conversationId)).get();
  if (!c) return null;
  const members = db()
    .select({ userId: conversationMembers.userId, leftAt: conversationMembers.leftAt })
    .from(conversationMembers)
    .where(eq(conversationMembers.conversationId, conversationId))
    .all();
  const names = memberNames(members.map((m) => m.userId));
  return {
    id: c.id,
    title: c.title,
    people: members
      .filter((m) => m.userId !== viewer.id)
      .map((m) => ({ id: m.userId, name: names.get(m.userId)?.name ?? "Former member", href: names.get(m.userId)?.href, left: m.leftAt !== null })),
    muted: me.mutedAt !== null,
    lastReadId: me.lastReadId,
  };
}

export interface MessageView {
  id: number;
  authorId: number | null;
  authorName: string;
  authorHref?: string;
  html: string;
  createdAt: number;
  attachment: { name: string; size: number; type: string } | null;
  mine: boolean;
}

/**
 * The newest messages of a conversation the viewer is in (older pages with `before`), oldest first on the page.
 * Messages from members the viewer blocked are left out; so are messages moderators hid (except to their author) or
 * removed: `hidden` names those ids (see app/models/moderation.server.ts).
 */
export function listMessages({
  viewer,
  conversationId,
  before,
  after,
  hiddenFor,
}: {
  viewer: Viewer;
  conversationId: number;
  before?: number;
  after?: number;
  hiddenFor?: (ids: { id: number; authorId: number | null }[]) => Map<number, "hidden" | "removed">;
}): { messages: (MessageView & { moderation: "hidden" | null })[]; olderBefore: number | null } {
  if (!membership({ userId: viewer.id, conversationId })) return { messages: [], olderBefore: null };
  const stmt = prepared("messages.page", (d) =>
    d.$client.prepare(
      `select id, author_id as authorId, body_html as html, created_at as createdAt,
              attachment_name as aName, attachment_size as aSize, attachment_type as aType
       from messages m
       where conversation_id = ? and id < ? and id > ?
         and not exists (select 1 from member_blocks b where b.user_id = ? and b.blocked_id = m.author_id)
       order by id desc limit ?`,
    ),
  );
  const rows = stmt.all(conversationId, before ?? Number.MAX_SAFE_INTEGER, after ?? 0, viewer.id, MESSAGES_PAGE + 1) as {
    id: number;
    authorId: number | null;
    html: string;
    createdAt: number;
    aName: string | null;
    aSize: number | null;
    aType: string | null;
  }[];
  const page = rows.slice(0, MESSAGES_PAGE).reverse();
  const moderation = hiddenFor ? hiddenFor(page) : new Map<number, "hidden" | "removed">();
  const names = memberNames(page.map((r) => r.authorId ?? 0));
  const out = [];
  for (const r of page) {
    const state = moderation.get(r.id);
    if (state === "removed") continue;
    if (state === "hidden" && r.authorId !== viewer.id && viewer.role !== "admin") continue;
    const n = r.authorId ? names.get(r.authorId) : undefined;
    out.push({
      id: r.id,
      authorId: r.authorId,
      authorName: n?.name ?? "Former member",
      authorHref: n?.href,
      html: r.html,
      createdAt: r.createdAt,
      attachment: r.aName ? { name: r.aName, size: r.aSize ?? 0, type: r.aType ?? "" } : null,
      mine: r.authorId === viewer.id,
      moderation: state === "hidden" ? ("hidden" as const) : null,
    });
  }
  return { messages: out, olderBefore: rows.length > MESSAGES_PAGE ? page[0]!.id : null };
}

/** One message for its attachment download, only to a member of its conversation. */
export function getMessageForMember({ viewer, messageId }: { viewer: Viewer; messageId: number }) {
  const m = db().select().from(messages).where(eq(messages.id, messageId)).get();
  if (!m || !membership({ userId: viewer.id, conversationId: m.conversationId })) return null;
  if (m.authorId && hasBlocked({ userId: viewer.id, otherId: m.authorId })) return null;
  return m;
}

// --- for the spine (ItemRef kind "message") -----------------------------------------------------------------

/** Of these message ids, the ones the viewer may see: they are in its conversation and did not block its author. */
export function visibleMessageIds(viewer: Viewer, ids: number[]): Set<number> {
  if (!ids.length) return new Set();
  const rows = db().all<{ id: number }>(sql`
    select m.id as id from messages m
    join conversation_members cm on cm.conversation_id = m.conversation_id and cm.user_id = ${viewer.id} and cm.left_at is null
    where m.id in (select value from json_each(${JSON.stringify(ids)}))
      and not exists (select 1 from member_blocks b where b.user_id = ${viewer.id} and b.blocked_id = m.author_id)`);
  return new Set(rows.map((r) => r.id));
}

/** A title that never carries the message text: who wrote it, and the path to it. */
export function summarizeMessages(ids: number[]): Map<number, { title: string; href: string; seminarId: null; authorId: number | null }> {
  const out = new Map<number, { title: string; href: string; seminarId: null; authorId: number | null }>();
  if (!ids.length) return out;
  const rows = db().all<{ id: number; conversationId: number; authorId: number | null }>(sql`
    select id, conversation_id as conversationId, author_id as authorId from messages
    where id in (select value from json_each(${JSON.stringify(ids)}))`);
  const names = memberNames(rows.map((r) => r.authorId ?? 0));
  for (const r of rows) {
    const who = r.authorId ? (names.get(r.authorId)?.name ?? "a former member") : "a former member";
    out.set(r.id, { title: `A message from ${who}`, href: `/messages/${r.conversationId}#m${r.id}`, seminarId: null, authorId: r.authorId });
  }
  return out;
}

/** The spine's handler for kind "message" (registered in item-kinds.server.ts). */
export const messageKind: KindHandler = {
  visibleIds: visibleMessageIds,
  summarize: (ids) => new Map([...summarizeMessages(ids)].map(([id, s]) => [id, { title: s.title, href: s.href, seminarId: s.seminarId }])),
};

/** Who wrote a message (for reports). */
export function messageAuthor(messageId: number): number | null {
  return db().select({ a: messages.authorId }).from(messages).where(eq(messages.id, messageId)).get()?.a ?? null;
}

// --- unread-message mail ------------------------------------------------------------------------------------

export interface DueUnread {
  conversationId: number;
  userId: number;
  lastMessageId: number;
}

/**
 * Members with a message that waited longer than their chosen delay, unread and not yet mailed about. Cheap read
 * first (the pending index holds only rows with something pending); the caller takes the write lock per batch.
 */
export function dueUnreadMail({ now = Date.now(), limit = 200 }: { now?: number; limit?: number } = {}): DueUnread[] {
  const minDelay = Math.min(...UNREAD_MAIL_DELAYS.filter((d) => d > 0)) * 60_000;
  return db().all<DueUnread>(sql`
    select cm.conversation_id as conversationId, cm.user_id as userId, cm.last_message_id as lastMessageId
    from conversation_members cm
    join users u on u.id = cm.user_id and u.status = 'active'
    left join message_settings s on s.user_id = cm.user_id
    where cm.pending_since is not null and cm.pending_since <= ${now - minDelay}
      and cm.left_at is null and cm.muted_at is null
      and coalesce(s.unread_mail_minutes, ${DEFAULT_MESSAGE_SETTINGS.unreadMailMinutes}) > 0
      and cm.pending_since <= ${now} - coalesce(s.unread_mail_minutes, ${DEFAULT_MESSAGE_SETTINGS.unreadMailMinutes}) * 60000
      and cm.last_message_id > cm.last_read_id
    order by cm.pending_since
    limit ${limit}`);
}

/** After the mail is queued: nothing pending until the next message, and this one never told twice. */
export function markUnreadMailed(tx: DB, due: DueUnread) {
  tx.run(sql`
    update conversation_members set pending_since = null, mailed_up_to_id = ${due.lastMessageId}
    where conversation_id = ${due.conversationId} and user_id = ${due.userId} and last_message_id = ${due.lastMessageId}`);
}

/** The other people in a conversation by name, for a line like "Ada Lovelace and 2 others". */
export function conversationLabel(conversationId: number, viewerId: number): string {
  const rows = db()
    .select({ userId: conversationMembers.userId, name: users.name })
    .from(conversationMembers)
    .innerJoin(users, eq(users.id, conversationMembers.userId))
    .where(and(eq(conversationMembers.conversationId, conversationId), sql`${conversationMembers.userId} != ${viewerId}`))
    .limit(20)
    .all();
  if (!rows.length) return "a conversation";
  const first = rows[0]!.name;
  return rows.length === 1 ? first : `${first} and ${rows.length - 1} other${rows.length === 2 ? "" : "s"}`;
}
