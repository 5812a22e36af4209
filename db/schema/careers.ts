// Issue #18: careers and referrals. Job postings (with their practice areas and jurisdictions as rows, so the list
// filters by index), applications made through the portal, referral requests, who each request was routed to, and
// the private conversations between the requester and each member who answered.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const SENIORITIES = ["any", "junior", "mid", "senior", "partner"] as const;
export const EMPLOYMENT_TYPES = ["full-time", "part-time", "contract", "secondment", "internship"] as const;
export const APPLY_MODES = ["portal", "link", "email"] as const;
export const URGENCIES = ["routine", "soon", "urgent"] as const;

export const jobPostings = sqliteTable(
  "job_postings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    posterId: integer("poster_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    organisation: text("organisation").notNull(),
    location: text("location").notNull().default(""),
    remote: integer("remote", { mode: "boolean" }).notNull().default(false),
    barRequired: integer("bar_required", { mode: "boolean" }).notNull().default(false),
    seniority: text("seniority", { enum: SENIORITIES }).notNull().default("any"),
    employmentType: text("employment_type", { enum: EMPLOYMENT_TYPES }).notNull().default("full-time"),
    applyMode: text("apply_mode", { enum: APPLY_MODES }).notNull().default("portal"),
    /** http(s) only (checked on the way in); shown with rel="noopener noreferrer". */
    applyUrl: text("apply_url").notNull().default(""),
    applyEmail: text("apply_email").notNull().default(""),
    descriptionMd: text("description_md").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    /** After this moment the posting is expired: out of lists and search, and the apply form refuses. */
    closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
    /** "closed" by the poster (or staff); "expired" is set by the careers task once closesAt has passed. */
    status: text("status", { enum: ["open", "closed", "expired"] }).notNull().default("open"),
    createdAt: createdAt(),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("job_postings_open_idx").on(t.status, t.closesAt, t.id), index("job_postings_poster_idx").on(t.posterId, t.id)],
);

/** A job's practice areas ("area") and jurisdictions ("jurisdiction"), from the controlled lists. */
export const jobTags = sqliteTable(
  "job_tags",
  {
    jobId: integer("job_id")
      .notNull()
      .references(() => jobPostings.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["area", "jurisdiction"] }).notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.kind, t.value] }), index("job_tags_value_idx").on(t.kind, t.value, t.jobId)],
);

/** An application through the portal. The applicant's profile is shown to the poster only when shareProfile is set. */
export const jobApplications = sqliteTable(
  "job_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: integer("job_id")
      .notNull()
      .references(() => jobPostings.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    note: text("note").notNull().default(""),
    shareProfile: integer("share_profile", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("job_applications_job_user_idx").on(t.jobId, t.userId), index("job_applications_user_idx").on(t.userId)],
);

export const referrals = sqliteTable(
  "referrals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requesterId: integer("requester_id").references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** No client names here: those are shared in the private conversation (conflicts of interest). */
    detailsMd: text("details_md").notNull().default(""),
    detailsHtml: text("details_html").notNull().default(""),
    practiceArea: text("practice_area").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    urgency: text("urgency", { enum: URGENCIES }).notNull().default("routine"),
    /** Whether members outside the requester's seminars may see and be routed the request. */
    shareBeyondSeminars: integer("share_beyond_seminars", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: ["open", "placed", "withdrawn"] }).notNull().default("open"),
    placedWithId: integer("placed_with_id").references(() => users.id, { onDelete: "set null" }),
    thanks: text("thanks").notNull().default(""),
    createdAt: createdAt(),
    placedAt: integer("placed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("referrals_open_idx").on(t.status, t.id),
    index("referrals_requester_idx").on(t.requesterId, t.id),
    index("referrals_placed_with_idx").on(t.placedWithId, t.placedAt),
  ],
);

/** Who a request was routed to (and when: the weekly cap counts these). */
export const referralRoutes = sqliteTable(
  "referral_routes",
  {
    referralId: integer("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.userId] }), index("referral_routes_user_idx").on(t.userId, t.createdAt)],
);

/**
 * The private conversation between the requester and one member (memberId). Only those two read it.
 */
export const referralReplies = sqliteTable(
  "referral_replies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    referralId: integer("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    memberId: integer("member_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("referral_replies_thread_idx").on(t.referralId, t.memberId, t.id), index("referral_replies_member_idx").on(t.memberId)],
);

/**
 * A member's saved postings (issue #18, "save jobs"). remindedAt marks the "closes soon" notice as sent, so the
 * careers task tells each member once.
 */
export const savedJobs = sqliteTable(
  "saved_jobs",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jobId: integer("job_id")
      .notNull()
      .references(() => jobPostings.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.jobId] }), index("saved_jobs_job_idx").on(t.jobId, t.remindedAt)],
);
