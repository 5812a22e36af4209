// Direct messages (issue #15), writing: starting a conversation, replying, leaving and muting, with the rate limits.
import { and, eq, sql } from "drizzle-orm";
import { conversationMembers, conversations, messages } from "../../db/schema";
import { writeTransaction, type DB } from "./db.server";
import { renderUserMarkdown } from "./blog.server";
import { blockersOf, messageableIds } from "./message-settings.server";
import { memberNames, type Viewer } from "./profile.server";
import { MAX_PARTICIPANTS, MESSAGE_MAX_CHARS } from "~/utils/messages";

/** Rate limits (counted from the messages table itself, so there is nothing more to keep). */
export const MESSAGE_LIMITS = {
  perTenMinutes: 40,
  newConversationsPerHour: 10,
};

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
