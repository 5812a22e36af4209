// Issue #8: post-event surveys, their questions, the answers, and the separate record of who has answered.
//
// Anonymity by design (issue #8, "the stored answers carry no link to the person"):
// - `survey_responses` rows of an anonymous survey hold no user id and no timestamp at all. Their primary key is a
//   random 48-bit integer chosen by the application (not AUTOINCREMENT), so even SQLite's rowid cannot be lined up
//   with the insertion order of `survey_respondents`. All answers of one response live in that one row (JSON), so
//   there is no child table whose sequential ids would leak the order either.
// - `survey_respondents` says who has answered (for reminders and "once each"), never which response is theirs.
// - To let an anonymous respondent change their answers until the survey closes, the row carries `respondent_key`,
//   an HMAC of (survey id, user id) under a key derived from SESSION_SECRET. See respondentKey() in
//   app/models/survey-response.server.ts for the reasoning and its limits (the key is erased when the survey closes).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";

export const surveys = sqliteTable(
  "surveys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** One survey per seminar. */
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(true),
    /** "seminar-end": opens when the seminar ends; "date": opens at `opensAt`. */
    opensMode: text("opens_mode", { enum: ["seminar-end", "date"] })
      .notNull()
      .default("seminar-end"),
    opensAt: integer("opens_at", { mode: "timestamp_ms" }),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
    /** Anonymous surveys show results only from this many responses on. */
    minResponses: integer("min_responses").notNull().default(3),
    /** One reminder to non-respondents this many days after the invitation; null: no reminder. */
    reminderAfterDays: integer("reminder_after_days").default(7),
    /** Drafts are invisible to attendees and never mailed. */
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    invitedAt: integer("invited_at", { mode: "timestamp_ms" }),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    /** Set once the respondent keys of a closed anonymous survey have been erased. */
    keysErasedAt: integer("keys_erased_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [
    uniqueIndex("surveys_seminar_unique").on(t.seminarId),
    index("surveys_mailing_idx").on(t.publishedAt, t.closesAt),
  ]
);

export const QUESTION_TYPES = ["rating", "matrix", "nps", "single", "multiple", "number", "short", "long"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const surveyQuestions = sqliteTable(
  "survey_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    type: text("type", { enum: QUESTION_TYPES }).notNull(),
    prompt: text("prompt").notNull(),
    help: text("help").notNull().default(""),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    /** Part of the section that repeats for each instructor ("rate each speaker"). */
    perInstructor: integer("per_instructor", { mode: "boolean" }).notNull().default(false),
    /** Type-specific settings as JSON: scale labels, choices, matrix statements, number bounds. */
    config: text("config").notNull().default("{}"),
  },
  (t) => [index("survey_questions_survey_idx").on(t.surveyId, t.position)]
);

export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    /** Random, application-chosen (never sequential): see the note at the top of this file. */
    id: integer("id").primaryKey(),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    /** Named surveys only; always null in an anonymous survey. */
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** HMAC that lets the respondent find this row again while the survey is open; null once erased. */
    respondentKey: text("respondent_key"),
    /** { "<questionId>" | "<questionId>:<instructorId>": value } */
    answers: text("answers").notNull().default("{}"),
  },
  (t) => [
    uniqueIndex("survey_responses_key_unique").on(t.surveyId, t.respondentKey),
    index("survey_responses_user_idx").on(t.userId),
  ]
);

/** Who has answered: serves reminders, "once each" and the response rate. Never says which response is whose. */
export const surveyRespondents = sqliteTable(
  "survey_respondents",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] }), index("survey_respondents_user_idx").on(t.userId)]
);
