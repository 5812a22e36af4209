// Issue #14: expert answers. Questions in a seminar or to the whole network, answers, votes, the accepted answer,
// private questions to a seminar's instructors, edit history, follows and the record of who a question was routed to.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/**
 * Who may see a question:
 *  - network: every signed-in member (seminarId is null)
 *  - seminar: the seminar's members (and staff)
 *  - private: the asker and the seminar's instructors (and staff); an instructor may make it "seminar" with consent
 */
export const QUESTION_AUDIENCES = ["network", "seminar", "private"] as const;
export type QuestionAudience = (typeof QUESTION_AUDIENCES)[number];

/** What the asker of a private question allows: nothing, publishing with their name, or publishing anonymously. */
export const SHARE_CONSENTS = ["none", "named", "anonymous"] as const;

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    audience: text("audience", { enum: QUESTION_AUDIENCES }).notNull(),
    /** Addressed to the seminar's instructors (always true for private questions). */
    toInstructors: integer("to_instructors", { mode: "boolean" }).notNull().default(false),
    shareConsent: text("share_consent", { enum: SHARE_CONSENTS }).notNull().default("none"),
    /** Shown as "A seminar member" instead of the asker's name (a private question published anonymously). */
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    title: text("title").notNull(),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** JSON arrays of values from the profile vocabularies (content/practice-areas.txt, content/jurisdictions.txt). */
    areas: text("areas").notNull().default("[]"),
    jurisdictions: text("jurisdictions").notNull().default("[]"),
    acceptedAnswerId: integer("accepted_answer_id"),
    answerCount: integer("answer_count").notNull().default(0),
    /** Closed questions take no new answers; a question with answers is closed rather than erased by its asker. */
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    /** Set once staff were told it waited two days without an answer. */
    surfacedAt: integer("surfaced_at", { mode: "timestamp_ms" }),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("questions_audience_created_idx").on(t.audience, t.createdAt),
    index("questions_seminar_created_idx").on(t.seminarId, t.createdAt),
    index("questions_unanswered_idx").on(t.answerCount, t.createdAt),
    index("questions_author_idx").on(t.authorId, t.createdAt),
  ],
);

export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** Counted up-votes (see answerVotes.counted). */
    score: integer("score").notNull().default(0),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("answers_question_idx").on(t.questionId, t.createdAt), index("answers_author_idx").on(t.authorId)],
);

/** One up-vote per member and answer. Votes from accounts younger than a week are kept but not counted. */
export const answerVotes = sqliteTable(
  "answer_votes",
  {
    answerId: integer("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    counted: integer("counted", { mode: "boolean" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.userId] })],
);

/** Comments on answers: short, plain markdown, no threads. */
export const answerComments = sqliteTable(
  "answer_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    answerId: integer("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    bodyHtml: text("body_html").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("answer_comments_answer_idx").on(t.answerId, t.createdAt)],
);

/** The earlier text of an edited question or answer (the current text is on the row itself). */
export const qaRevisions = sqliteTable(
  "qa_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["question", "answer"] }).notNull(),
    refId: integer("ref_id").notNull(),
    title: text("title"),
    bodyMd: text("body_md").notNull(),
    editedById: integer("edited_by_id").references(() => users.id, { onDelete: "set null" }),
    /** When this text was replaced. */
    createdAt: createdAt(),
  },
  (t) => [index("qa_revisions_ref_idx").on(t.kind, t.refId, t.createdAt)],
);

/** Who a network question was routed to (the weekly cap counts these rows). */
export const questionRoutes = sqliteTable(
  "question_routes",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] }), index("question_routes_user_idx").on(t.userId, t.createdAt)],
);

/** A member follows a question, or a practice area or jurisdiction (new network questions tagged with it). */
export const questionFollows = sqliteTable(
  "question_follows",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetKind: text("target_kind", { enum: ["question", "area", "jurisdiction"] }).notNull(),
    /** The question id as text, or the area / jurisdiction. */
    target: text("target").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetKind, t.target] }), index("question_follows_target_idx").on(t.targetKind, t.target)],
);

/**
 * Files attached to a question through the safe upload path (kept under UPLOADS_DIR/questions). A row without a
 * question is a pending upload: the asking form was shown again (an error, or similar questions to look at first),
 * and the file waits for its uploader to post; pending rows older than a day are swept with their files.
 */
export const questionAttachments = sqliteTable(
  "question_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id").references(() => questions.id, { onDelete: "cascade" }),
    uploaderId: integer("uploader_id").references(() => users.id, { onDelete: "set null" }),
    storedName: text("stored_name").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("question_attachments_question_idx").on(t.questionId), index("question_attachments_pending_idx").on(t.uploaderId, t.questionId)],
);
