// Core tables: accounts, sessions, seminars and memberships, invitations, mail outbox, audit, rate limits, jobs.

import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["admin", "member"] }).notNull().default("member"),
    passwordHash: text("password_hash"),
    status: text("status", { enum: ["active", "deactivated", "deleted"] }).notNull().default("active"),
    createdAt: createdAt(),
    deactivatedAt: integer("deactivated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session id held in the cookie. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    /** Sessions slide, but never past this absolute end (seconds since epoch). */
    absoluteExpiresAt: integer("absolute_expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const seminars = sqliteTable(
  "seminars",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    descriptionMd: text("description_md").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    welcomeMd: text("welcome_md").notNull().default(""),
    welcomeHtml: text("welcome_html").notNull().default(""),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    venue: text("venue").notNull().default(""),
    meetingUrl: text("meeting_url").notNull().default(""),
    capacity: integer("capacity"),
    discussionsReadOnly: integer("discussions_read_only", { mode: "boolean" }).notNull().default(false),
    wikiEditPolicy: text("wiki_edit_policy", { enum: ["members", "instructors"] }).notNull().default("members"),
    // Issue #16 (catalogue): who may join, how it is held, until when attendees may cancel, and the alumni mailing.
    // "invitation" seminars are not listed; existing seminars stay invitation only until staff open them.
    enrolmentPolicy: text("enrolment_policy", { enum: ["open", "request", "invitation"] }).notNull().default("invitation"),
    format: text("format", { enum: ["in-person", "online", "hybrid"] }).notNull().default("in-person"),
    cancelHoursBefore: integer("cancel_hours_before").notNull().default(48),
    alumniMailedAt: integer("alumni_mailed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("seminars_slug_unique").on(t.slug),
    index("seminars_starts_idx").on(t.startsAt),
    index("seminars_catalogue_idx").on(t.enrolmentPolicy, t.startsAt),
    index("seminars_ends_idx").on(t.endsAt),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["instructor", "attendee"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.seminarId, t.userId] }), index("memberships_user_idx").on(t.userId, t.seminarId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    /** "email": one person, one use. "link": shareable, limited uses, optional required domain. */
    kind: text("kind", { enum: ["email", "link"] }).notNull().default("email"),
    email: text("email"),
    name: text("name"),
    label: text("label"),
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    seminarRole: text("seminar_role", { enum: ["instructor", "attendee"] }),
    networkRole: text("network_role", { enum: ["admin", "member"] }).notNull().default("member"),
    message: text("message").notNull().default(""),
    invitedById: integer("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    maxUses: integer("max_uses").notNull().default(1),
    uses: integer("uses").notNull().default(0),
    requiredDomain: text("required_domain"),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    acceptedUserId: integer("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    batchId: integer("batch_id"),
    /** A personal invitation issued from a shareable link ("email" kind) names the link it came from. */
    viaLinkId: integer("via_link_id"),
    /** Where the newcomer came from, for growth analytics: who issued it, or a shareable link. */
    source: text("source", { enum: ["staff", "instructor", "member", "link"] }).notNull().default("staff"),
    /** The first time somebody opened the invitation page (the funnel's "opened"; mail scanners only fetch a HEAD/GET
     *  of the landing page, which is scanner-safe, so this is an upper bound on human opens). */
    openedAt: integer("opened_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_unique").on(t.tokenHash),
    index("invitations_via_link_idx").on(t.viaLinkId, t.email),
    index("invitations_email_idx").on(t.email),
    index("invitations_seminar_idx").on(t.seminarId),
    // Who joined through which invitation (growth analytics, issue #19; account erasure).
    index("invitations_accepted_user_idx").on(t.acceptedUserId, t.acceptedAt),
  ],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** Durable outbox: a message is written here in the same transaction as the change that caused it. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: text("message_id").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    kind: text("kind").notNull().default("generic"),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "held"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** Issue #15: the member's one-click unsubscribe URL (RFC 8058); sent as List-Unsubscribe(-Post) headers. */
    listUnsubscribe: text("list_unsubscribe"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_to_idx").on(t.toAddress)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subject: text("subject").notNull().default(""),
    details: text("details").notNull().default("{}"),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_created_idx").on(t.createdAt), index("audit_action_idx").on(t.action)],
);

/** Fixed-window counters for throttling sign-in and reset attempts (per account and per address). */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: integer("window_started_at").notNull(),
  blockedUntil: integer("blocked_until").notNull().default(0),
});

/** Durable background work (bulk invitations, feed refreshes, digests). */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    payload: text("payload").notNull().default("{}"),
    status: text("status", { enum: ["queued", "running", "done", "failed"] }).notNull().default("queued"),
    runAt: integer("run_at", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    progress: integer("progress").notNull().default(0),
    total: integer("total").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("jobs_due_idx").on(t.status, t.runAt)],
);
