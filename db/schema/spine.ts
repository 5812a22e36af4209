// The community spine (COMMUNITY-DESIGN.md): rows that point at any item by its reference (kind + id), never copy it.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";

/**
 * What happened for a member. Written by notify() in the transaction of the change; the page, the header count, the
 * instant mail and the digests read it. `delivery` records how the member chose to hear of its topic at that moment.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Short dotted name of what happened: "answer.posted", "material.version", "message.unread"… */
    event: text("event").notNull(),
    /** The mail topic whose choice applies (preferences.server.ts MAIL_TOPICS). */
    topic: text("topic").notNull(),
    refKind: text("ref_kind").notNull(),
    refId: integer("ref_id").notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    /** One plain-text line; shown only after the reference is checked again with canSee. */
    summary: text("summary").notNull(),
    delivery: text("delivery", { enum: ["portal", "immediate", "daily", "weekly"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    index("notifications_user_unread_idx").on(t.userId, t.readAt),
    index("notifications_ref_idx").on(t.refKind, t.refId),
  ],
);

/** One place that counts: per member, per UTC day, per counter ("question.asked", "visit"…). Analytics read it. */
export const memberDailyCounts = sqliteTable(
  "member_daily_counts",
  {
    day: text("day").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    counter: text("counter").notNull(),
    seminarId: integer("seminar_id").notNull().default(0),
    n: integer("n").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.userId, t.counter, t.seminarId] }),
    index("member_daily_counts_counter_day_idx").on(t.counter, t.day),
    // A member's own rows (data export, erasure, analytics per member) without scanning every day (issue #19).
    index("member_daily_counts_user_day_idx").on(t.userId, t.day),
  ],
);
