// Issue #5: seminar sessions (schedule), calendar tokens, course materials and their versions, downloads, activity.

import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/** One session of a seminar's schedule. `sequence` grows with every change (RFC 5545 SEQUENCE). */
export const seminarSessions = sqliteTable(
  "seminar_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    speaker: text("speaker").notNull().default(""),
    room: text("room").notNull().default(""),
    meetingUrl: text("meeting_url").notNull().default(""),
    sequence: integer("sequence").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [index("seminar_sessions_seminar_idx").on(t.seminarId, t.startsAt)],
);

/** A member's personal calendar subscription link; only the SHA-256 of the token is stored. One per member. */
export const calendarTokens = sqliteTable(
  "calendar_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_tokens_hash_unique").on(t.tokenHash), uniqueIndex("calendar_tokens_user_unique").on(t.userId)],
);

export const materials = sqliteTable(
  "materials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** The newest version (denormalised for listing); null only inside the creating transaction. */
    currentVersionId: integer("current_version_id"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [index("materials_seminar_idx").on(t.seminarId, t.updatedAt)],
);

/** Every uploaded file is kept; a new version never replaces an earlier one. */
export const materialVersions = sqliteTable(
  "material_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    materialId: integer("material_id")
      .notNull()
      .references(() => materials.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** Random name of the file under UPLOADS_DIR/materials; never derived from what the browser sent. */
    storedName: text("stored_name").notNull(),
    /** The browser's file name, sanitized: only ever a label. */
    fileName: text("file_name").notNull(),
    /** Detected from the bytes, not from the browser. */
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** "As of" date of the content (YYYY-MM-DD), as the instructor states it. */
    asOf: text("as_of").notNull(),
    note: text("note").notNull().default(""),
    uploadedById: integer("uploaded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("material_versions_unique").on(t.materialId, t.version), uniqueIndex("material_versions_stored_unique").on(t.storedName)],
);

export const materialDownloads = sqliteTable(
  "material_downloads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    materialId: integer("material_id")
      .notNull()
      .references(() => materials.id, { onDelete: "cascade" }),
    versionId: integer("version_id")
      .notNull()
      .references(() => materialVersions.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("material_downloads_material_idx").on(t.materialId), index("material_downloads_user_idx").on(t.userId, t.materialId)],
);

/** The micro-site's "recent activity" list; any feature records entries through app/models/activity.server.ts. */
export const seminarActivity = sqliteTable(
  "seminar_activity",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** e.g. "material", "material-version", "session", "post", "wiki", "survey", "news" */
    kind: text("kind").notNull(),
    summary: text("summary").notNull(),
    /** A path on this site (starts with /s/<slug>/), or "" for none. */
    href: text("href").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("seminar_activity_seminar_idx").on(t.seminarId, t.createdAt)],
);

/**
 * "A newer version exists" notices for members who downloaded an earlier version. Shown on the micro-site until
 * the member downloads the new version; mailed at once or in a digest according to their "materials" choice.
 */
export const materialNotices = sqliteTable(
  "material_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    materialId: integer("material_id")
      .notNull()
      .references(() => materials.id, { onDelete: "cascade" }),
    versionId: integer("version_id")
      .notNull()
      .references(() => materialVersions.id, { onDelete: "cascade" }),
    /** pending: waits for a digest; sent: mailed; none: the member wants no mail about materials. */
    mail: text("mail", { enum: ["pending", "sent", "none"] }).notNull(),
    seenAt: integer("seen_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("material_notices_unique").on(t.userId, t.versionId),
    index("material_notices_user_idx").on(t.userId, t.seminarId),
    index("material_notices_mail_idx").on(t.mail, t.createdAt),
  ],
);
