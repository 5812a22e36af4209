// Direct messages (issue #15): one-to-one and small-group conversations between members. Who may start one is the
// recipient's choice ("who may message me") and their block list; nobody reads a conversation they are not in.
// Each member row carries the id of the newest message that member may see, so unread is one comparison per row.
// Writing is in message-sending.server.ts, who may write to whom in message-settings.server.ts.
import { and, eq, sql } from "drizzle-orm";
import { conversationMembers, conversations, messages, UNREAD_MAIL_DELAYS, users } from "../../db/schema";
import { htmlToText } from "~/services/markdown.server";
import { db, prepared, writeTransaction, type DB } from "./db.server";
import type { KindHandler } from "./items.server";
import { DEFAULT_MESSAGE_SETTINGS, hasBlocked } from "./message-settings.server";
import { memberNames, type Viewer } from "./profile.server";
import { MAX_PARTICIPANTS, MESSAGE_MAX_CHARS } from "~/utils/messages";

export { MAX_PARTICIPANTS, MESSAGE_MAX_CHARS };
export const MESSAGES_PAGE = 50;
export const INBOX_PAGE = 30;

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
