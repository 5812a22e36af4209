// Issue #20: the institute's library (network-wide legal documents with versions, featured in seminars, followed by
// members) and shared bookmarks (a link or a reference to any item, with a note, tags and who may see it).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { BOOKMARK_VISIBILITIES, LIBRARY_KINDS } from "../../app/utils/library";
import { seminars, users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);


export const libraryDocuments = sqliteTable(
  "library_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    kind: text("kind", { enum: LIBRARY_KINDS }).notNull(),
    jurisdiction: text("jurisdiction").notNull().default(""),
    /** The document's own date (enacted, decided, published), YYYY-MM-DD. */
    dated: text("dated").notNull(),
    citation: text("citation").notNull().default(""),
    description: text("description").notNull().default(""),
    currentVersionId: integer("current_version_id"),
    currentVersion: integer("current_version").notNull().default(0),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("library_documents_updated_idx").on(t.updatedAt),
    index("library_documents_kind_idx").on(t.kind, t.updatedAt),
    index("library_documents_jurisdiction_idx").on(t.jurisdiction, t.updatedAt),
    index("library_documents_dated_idx").on(t.dated),
  ],
);

export const libraryDocumentAreas = sqliteTable(
  "library_document_areas",
  {
    documentId: integer("document_id")
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: "cascade" }),
    area: text("area").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.area] }), index("library_document_areas_area_idx").on(t.area, t.documentId)],
);

/** Every upload is kept; the stored file lives under UPLOADS_DIR/materials like course materials. */
export const libraryVersions = sqliteTable(
  "library_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    storedName: text("stored_name").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** The date the content is current as of. */
    asOf: text("as_of").notNull(),
    note: text("note").notNull().default(""),
    uploadedById: integer("uploaded_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Text extraction runs in the background: pending → done | failed | none (a type with no text we read). */
    textStatus: text("text_status", { enum: ["pending", "done", "failed", "none"] }).notNull().default("pending"),
    text: text("text").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("library_versions_unique").on(t.documentId, t.version), uniqueIndex("library_versions_stored_unique").on(t.storedName)],
);

/** A seminar shows a library document among its materials without copying it. */
export const libraryFeatures = sqliteTable(
  "library_features",
  {
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: "cascade" }),
    featuredById: integer("featured_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.seminarId, t.documentId] }), index("library_features_document_idx").on(t.documentId)],
);

export const libraryFollows = sqliteTable(
  "library_follows",
  {
    documentId: integer("document_id")
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] }), index("library_follows_user_idx").on(t.userId)],
);

/** Staff allow the members of a seminar to add documents to the library ("where staff allow it"). */
export const libraryContributorSeminars = sqliteTable("library_contributor_seminars", {
  seminarId: integer("seminar_id")
    .primaryKey()
    .references(() => seminars.id, { onDelete: "cascade" }),
  allowedById: integer("allowed_by_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});


/**
 * A saved link. `refKind`/`refId` point at an item inside Colloquy (an ItemRef); `url` is an outside http(s) link.
 * `target` is what "who else saved this" groups by: "post:12" for an item, the normalised URL for a link.
 */
export const bookmarks = sqliteTable(
  "bookmarks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    target: text("target").notNull(),
    refKind: text("ref_kind"),
    refId: integer("ref_id"),
    url: text("url"),
    title: text("title").notNull(),
    noteMd: text("note_md").notNull().default(""),
    noteHtml: text("note_html").notNull().default(""),
    visibility: text("visibility", { enum: BOOKMARK_VISIBILITIES }).notNull().default("private"),
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("bookmarks_user_target_unique").on(t.userId, t.target),
    index("bookmarks_target_idx").on(t.target),
    index("bookmarks_visibility_created_idx").on(t.visibility, t.createdAt),
    index("bookmarks_seminar_created_idx").on(t.seminarId, t.createdAt),
    index("bookmarks_user_created_idx").on(t.userId, t.createdAt),
  ],
);

export const bookmarkTags = sqliteTable(
  "bookmark_tags",
  {
    bookmarkId: integer("bookmark_id")
      .notNull()
      .references(() => bookmarks.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookmarkId, t.tag] }), index("bookmark_tags_tag_idx").on(t.tag, t.bookmarkId)],
);
