// Issue #15: how a member takes part (participation mode, local time zone for digests) and which digest periods
// have been mailed. Mail choices per kind of event stay in mail_preferences (profiles.ts).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./core";

export const PARTICIPATION_MODES = ["active", "answers", "reader", "paused"] as const;
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];

/** No row: mode "active" and the default time zone (app/models/participation.server.ts). */
export const participation = sqliteTable("participation", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  mode: text("mode", { enum: PARTICIPATION_MODES }).notNull().default("active"),
  /** IANA zone; digests go out at the member's local morning. */
  timeZone: text("time_zone").notNull().default("America/New_York"),
  /** Issue #14: at most this many network questions are routed to the member in seven days; 0 = never. */
  weeklyQuestionCap: integer("weekly_question_cap").notNull().default(3),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
});

export const DIGEST_CADENCES = ["daily", "weekly"] as const;
export type DigestCadence = (typeof DIGEST_CADENCES)[number];

/**
 * One row per member and cadence: the last period mailed (or found empty) and when the next one is due. The period
 * is written in the same transaction as the queued mail and only if it differs, so a digest goes out once per period
 * whatever restarts happen mid-run.
 */
export const digestState = sqliteTable(
  "digest_state",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cadence: text("cadence", { enum: DIGEST_CADENCES }).notNull(),
    /** "2026-12-03" (daily) or "2026-W49" (weekly), in the member's time zone. */
    lastPeriod: text("last_period"),
    /** Things that happened after this go into the next digest. */
    coveredUntil: integer("covered_until", { mode: "timestamp_ms" }).notNull(),
    nextDueAt: integer("next_due_at", { mode: "timestamp_ms" }).notNull(),
    lastSentAt: integer("last_sent_at", { mode: "timestamp_ms" }),
    lastOutboxId: integer("last_outbox_id"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.cadence] }), index("digest_state_due_idx").on(t.nextDueAt)],
);
