// Issue #16: the seminar catalogue. Topics a seminar covers (for filters and recommendations), enrolment requests,
// the waitlist and its offers, intake questions and answers, and the once-per-member alumni mailing.
// An accepted enrolment is a `memberships` row (role attendee), exactly like an accepted seminar invitation; the
// `enrolments` row keeps the story (requested, waitlisted, offered, cancelled…) around it.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/** Practice areas and jurisdictions a seminar covers, from the same controlled lists as profiles. */
export const seminarTopics = sqliteTable(
  "seminar_topics",
  {
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["area", "jurisdiction"] }).notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seminarId, t.kind, t.value] }), index("seminar_topics_value_idx").on(t.kind, t.value, t.seminarId)],
);

export const ENROLMENT_STATUSES = ["requested", "waitlisted", "offered", "enrolled", "cancelled", "declined", "expired"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const enrolments = sqliteTable(
  "enrolments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: ENROLMENT_STATUSES }).notNull(),
    /** Waitlist order: the time the member joined the list (ties by id). */
    queuedAt: integer("queued_at", { mode: "timestamp_ms" }),
    /** A waitlist offer holds a seat until this time. */
    offerExpiresAt: integer("offer_expires_at", { mode: "timestamp_ms" }),
    /** The member lets instructors see their name beside their free-text intake answers. */
    shareName: integer("share_name", { mode: "boolean" }).notNull().default(false),
    decidedById: integer("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("enrolments_member_unique").on(t.seminarId, t.userId),
    index("enrolments_seminar_status_idx").on(t.seminarId, t.status, t.queuedAt),
    index("enrolments_offers_idx").on(t.status, t.offerExpiresAt),
    index("enrolments_user_idx").on(t.userId, t.status),
  ],
);

export const INTAKE_KINDS = ["text", "choice", "multiple"] as const;

export const intakeQuestions = sqliteTable(
  "intake_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    prompt: text("prompt").notNull(),
    kind: text("kind", { enum: INTAKE_KINDS }).notNull().default("text"),
    /** JSON array of choices for "choice" and "multiple". */
    options: text("options").notNull().default("[]"),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("intake_questions_seminar_idx").on(t.seminarId, t.position)],
);

export const intakeAnswers = sqliteTable(
  "intake_answers",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => intakeQuestions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    /** Free text, one choice, or a JSON array of choices ("multiple"). */
    value: text("value").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] }), index("intake_answers_seminar_idx").on(t.seminarId, t.userId)],
);

/** One row per alumnus mailed the "next seminars" message for a seminar: the primary key makes it exactly once. */
export const alumniMailings = sqliteTable(
  "alumni_mailings",
  {
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.seminarId, t.userId] })],
);
