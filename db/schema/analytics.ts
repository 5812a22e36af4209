// Issue #19: staff analytics. Rollups of rows features already write (users, invitations, member_daily_counts),
// rebuilt by the `analytics-rollup` task, so the growth page and the cohort table read a few hundred rows whatever the
// size of the institute. Nothing here names a member: every row is a count.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per UTC day: accounts made that day, members at its end, and members active that day / 7 / 30 days. */
export const analyticsDays = sqliteTable("analytics_days", {
  day: text("day").primaryKey(),
  newMembers: integer("new_members").notNull().default(0),
  members: integer("members").notNull().default(0),
  dau: integer("dau").notNull().default(0),
  wau: integer("wau").notNull().default(0),
  mau: integer("mau").notNull().default(0),
});

/** New members per day by where they came from (the source of the invitation they accepted). */
export const analyticsDaySources = sqliteTable(
  "analytics_day_sources",
  {
    day: text("day").notNull(),
    source: text("source").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.source] })],
);

/** Per ISO week (its Monday): members active in it, and how many of them were active again the next week. */
export const analyticsWeeks = sqliteTable("analytics_weeks", {
  week: text("week").primaryKey(),
  active: integer("active").notNull(),
  returned: integer("returned").notNull(),
});

/** Retention by monthly cohort: of the members who joined in `cohort` (YYYY-MM), how many were active `monthsAfter` months later. */
export const analyticsCohorts = sqliteTable(
  "analytics_cohorts",
  {
    cohort: text("cohort").notNull(),
    monthsAfter: integer("months_after").notNull(),
    size: integer("size").notNull(),
    active: integer("active").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohort, t.monthsAfter] })],
);

/** When the rollups were last refreshed, and through which day activity was rolled up. */
export const analyticsState = sqliteTable("analytics_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
