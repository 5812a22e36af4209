// Issue #17: what each jurisdiction requires (editable data, seeded by db/migrations-extra/0017_credit_jurisdictions.sql),
// the compliance periods members tell us about, and credits they earned elsewhere with a certificate upload.
// Amounts are integer hundredths of a credit, as in ./credits.ts.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./core";
import { creditCategories, creditJurisdictions } from "./credits";

/** A jurisdiction's requirement per compliance period: total credits and the period's length. */
export const creditRequirements = sqliteTable("credit_requirements", {
  jurisdictionId: integer("jurisdiction_id")
    .primaryKey()
    .references(() => creditJurisdictions.id, { onDelete: "cascade" }),
  totalHundredths: integer("total_hundredths").notNull(),
  periodMonths: integer("period_months").notNull(),
  /** Who the rule is for and where it comes from, e.g. "Experienced attorneys (22 NYCRR 1500.22)". */
  note: text("note").notNull().default(""),
});

/** The least a period must hold in one category (e.g. New York: 4.0 Ethics and Professionalism). */
export const creditRequirementMinimums = sqliteTable(
  "credit_requirement_minimums",
  {
    categoryId: integer("category_id")
      .primaryKey()
      .references(() => creditCategories.id, { onDelete: "cascade" }),
    hundredths: integer("hundredths").notNull(),
  },
);

/** A member's compliance period in one jurisdiction (dates as YYYY-MM-DD, both days included). */
export const creditCompliancePeriods = sqliteTable(
  "credit_compliance_periods",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jurisdictionId: integer("jurisdiction_id")
      .notNull()
      .references(() => creditJurisdictions.id, { onDelete: "cascade" }),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
  },
  (t) => [uniqueIndex("credit_compliance_periods_unique").on(t.userId, t.jurisdictionId, t.startsOn)],
);

/** A course a member attended elsewhere, self-reported with its certificate (stored under UPLOADS_DIR/credits). */
export const externalCredits = sqliteTable(
  "external_credits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    provider: text("provider").notNull(),
    completedOn: text("completed_on").notNull(),
    courseNumber: text("course_number").notNull().default(""),
    storedName: text("stored_name").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [index("external_credits_user_idx").on(t.userId, t.completedOn)],
);

/** The credits one external course carried, per category. */
export const externalCreditLines = sqliteTable(
  "external_credit_lines",
  {
    externalCreditId: integer("external_credit_id")
      .notNull()
      .references(() => externalCredits.id, { onDelete: "cascade" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => creditCategories.id, { onDelete: "cascade" }),
    hundredths: integer("hundredths").notNull(),
  },
  (t) => [primaryKey({ columns: [t.externalCreditId, t.categoryId] })],
);
