// Issue #17: CLE credits. Jurisdictions and their categories are editable data (seeded by
// db/migrations-extra/0017_credit_jurisdictions.sql); amounts are integer hundredths of a credit (200 = 2.0),
// so decimal rules (steps of 0.5 or 0.25) are exact.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";
import { seminarSessions } from "./microsite";

const createdAt = (name = "created_at") =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const creditJurisdictions = sqliteTable(
  "credit_jurisdictions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** Minutes of instruction that make one credit (New York: 50, California: 60). */
    minutesPerCredit: integer("minutes_per_credit").notNull().default(60),
    /** Smallest step a credit amount may take, in hundredths (50 = 0.5, 25 = 0.25). */
    stepHundredths: integer("step_hundredths").notNull().default(25),
    /** Whether partial attendance earns credit in proportion (rounded down to the step). */
    allowsPartial: integer("allows_partial", { mode: "boolean" }).notNull().default(false),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("credit_jurisdictions_code_unique").on(t.code)],
);

export const creditCategories = sqliteTable(
  "credit_categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jurisdictionId: integer("jurisdiction_id")
      .notNull()
      .references(() => creditJurisdictions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("credit_categories_name_unique").on(t.jurisdictionId, t.name)],
);

/** Credits a session carries in one category, with the regulator's approval or course number when one was issued. */
export const sessionCredits = sqliteTable(
  "session_credits",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => seminarSessions.id, { onDelete: "cascade" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => creditCategories.id, { onDelete: "cascade" }),
    hundredths: integer("hundredths").notNull(),
    courseNumber: text("course_number").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.categoryId] })],
);

/** A code an instructor reveals during a session; shown on screen, so it is stored as shown. */
export const attendanceCodes = sqliteTable(
  "attendance_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => seminarSessions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("attendance_codes_session_idx").on(t.sessionId, t.code)],
);

/** One use of one code by one member: a code counts once per member. */
export const attendanceCodeUses = sqliteTable(
  "attendance_code_uses",
  {
    codeId: integer("code_id")
      .notNull()
      .references(() => attendanceCodes.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    usedAt: createdAt("used_at"),
  },
  (t) => [primaryKey({ columns: [t.codeId, t.userId] }), index("attendance_code_uses_user_idx").on(t.userId)],
);

/**
 * What the portal knows of one member at one session: minutes from a meeting platform's report and a staff
 * correction (which wins). Codes entered are counted from attendance_code_uses.
 */
export const attendance = sqliteTable(
  "attendance",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => seminarSessions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    importedMinutes: integer("imported_minutes"),
    correctedMinutes: integer("corrected_minutes"),
    correctionReason: text("correction_reason"),
    updatedAt: createdAt("updated_at"),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index("attendance_user_idx").on(t.userId)],
);

export const CERTIFICATE_STATUSES = ["valid", "revoked", "replaced"] as const;

/**
 * A certificate of attendance. `statement` is the JSON of exactly what the certificate states (member name, bar
 * numbers chosen, seminar, sessions, credits): the PDF and the public verification page both render it, so they
 * always agree and later edits elsewhere never change an issued certificate.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Public verification code, printed on the certificate (not a credential: it only shows what the paper says). */
    code: text("code").notNull(),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    statement: text("statement").notNull(),
    status: text("status", { enum: CERTIFICATE_STATUSES }).notNull().default("valid"),
    issuedAt: createdAt("issued_at"),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedReason: text("revoked_reason"),
    replacedById: integer("replaced_by_id"),
  },
  (t) => [uniqueIndex("certificates_code_unique").on(t.code), index("certificates_member_idx").on(t.userId, t.seminarId)],
);

/** The provider named on certificates (one row, id 1, seeded; staff edit it at /admin/credits). */
export const creditProvider = sqliteTable("credit_provider", {
  id: integer("id").primaryKey(),
  instituteName: text("institute_name").notNull(),
  signatoryName: text("signatory_name").notNull(),
  signatoryTitle: text("signatory_title").notNull(),
});

/** Which of a member's bar admissions they chose to show on their certificates. */
export const certificateBarChoices = sqliteTable(
  "certificate_bar_choices",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    barAdmissionId: integer("bar_admission_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.barAdmissionId] })],
);
