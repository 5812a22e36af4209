// Issue #15 "Keeping the community safe": reports on any item (stored as an ItemRef: kind + id, never a copy of the
// content), the moderation state of an item (hidden / removed, applied centrally by canSee), and member warnings.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";
import { REPORT_OUTCOMES, REPORT_REASONS } from "../../app/utils/moderation";

export { REPORT_OUTCOMES, REPORT_REASONS };

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;


export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemKind: text("item_kind").notNull(),
    itemId: integer("item_id").notNull(),
    /** The seminar the item belongs to (its instructors moderate it); null for network-wide items. */
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    /** The member who wrote the item (null when unknown or erased). */
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    reporterId: integer("reporter_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason", { enum: REPORT_REASONS }).notNull(),
    details: text("details").notNull().default(""),
    /** Title of the item when reported, for the queue (plain text, shown only to moderators). */
    itemTitle: text("item_title").notNull().default(""),
    status: text("status", { enum: ["open", ...REPORT_OUTCOMES] }).notNull().default("open"),
    resolvedById: integer("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: integer("resolved_at"),
    note: text("note").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    index("reports_queue_idx").on(t.status, t.seminarId, t.id),
    index("reports_item_idx").on(t.itemKind, t.itemId),
    index("reports_reporter_idx").on(t.reporterId, t.createdAt),
  ],
);

/** Items moderators acted on. "hidden": only its author (who is told) and moderators see it; "removed": nobody does. */
export const moderatedItems = sqliteTable(
  "moderated_items",
  {
    itemKind: text("item_kind").notNull(),
    itemId: integer("item_id").notNull(),
    state: text("state", { enum: ["hidden", "removed"] }).notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    byId: integer("by_id").references(() => users.id, { onDelete: "set null" }),
    reportId: integer("report_id"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.itemKind, t.itemId] })],
);

/** Warnings sent to authors (the member sees them on their messages page and by mail). */
export const memberWarnings = sqliteTable(
  "member_warnings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    byId: integer("by_id").references(() => users.id, { onDelete: "set null" }),
    reportId: integer("report_id"),
    note: text("note").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("member_warnings_user_idx").on(t.userId)],
);
