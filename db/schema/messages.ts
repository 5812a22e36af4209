// Issue #15: direct messages between members (one-to-one and small groups), who may message whom, and blocks.
// Times are integer milliseconds. A conversation keeps the id of its newest message, and each member the id of the
// newest message they have read, so "unread" is one comparison per row (inbox and header count at 2,000,000 messages).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./core";
import { UNREAD_MAIL_DELAYS, WHO_MAY_MESSAGE, type WhoMayMessage } from "../../app/utils/messages";

export { UNREAD_MAIL_DELAYS, WHO_MAY_MESSAGE, type WhoMayMessage };

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const conversations = sqliteTable(
  "conversations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Optional name of a group conversation; one-to-one conversations show the other person's name. */
    title: text("title").notNull().default(""),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    lastMessageId: integer("last_message_id").notNull().default(0),
    lastMessageAt: integer("last_message_at").notNull().default(now),
  },
);

export const conversationMembers = sqliteTable(
  "conversation_members",
  {
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: integer("joined_at").notNull().default(now),
    /** Id of the newest message this member has seen (0: none). */
    lastReadId: integer("last_read_id").notNull().default(0),
    /** Id of the newest message an unread-messages mail already told them about, so none is told twice. */
    mailedUpToId: integer("mailed_up_to_id").notNull().default(0),
    /** Id of the newest message this member may see (messages from members they blocked do not count). */
    lastMessageId: integer("last_message_id").notNull().default(0),
    /** When the oldest message not yet read nor mailed about arrived; null when there is none (unread-mail task). */
    pendingSince: integer("pending_since"),
    mutedAt: integer("muted_at"),
    leftAt: integer("left_at"),
    /** Denormalised from conversations.last_message_at so the inbox is one index range per member. */
    lastMessageAt: integer("last_message_at").notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index("conversation_members_inbox_idx").on(t.userId, t.leftAt, t.lastMessageAt),
    index("conversation_members_pending_idx").on(t.pendingSince),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** Attachment stored through app/services/uploads.server.ts (area "messages"); null when none. */
    attachmentStored: text("attachment_stored"),
    attachmentName: text("attachment_name"),
    attachmentType: text("attachment_type"),
    attachmentSize: integer("attachment_size"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.id), index("messages_author_idx").on(t.authorId, t.createdAt)],
);


/** Each member's messaging choices; a member without a row has the defaults (see app/models/message-settings.server.ts). */
export const messageSettings = sqliteTable("message_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  whoMayMessage: text("who_may_message", { enum: WHO_MAY_MESSAGE }).notNull().default("network"),
  /** Minutes an unread message waits before the member is notified (and mailed, if their choice says so). */
  unreadMailMinutes: integer("unread_mail_minutes").notNull().default(60),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** A member blocking another: the blocked one can no longer message them, and is not told. */
export const memberBlocks = sqliteTable(
  "member_blocks",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blockedId: integer("blocked_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.blockedId] }), index("member_blocks_blocked_idx").on(t.blockedId)],
);
