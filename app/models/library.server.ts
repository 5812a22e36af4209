// Issue #20: the institute's library. Network-wide legal documents with versions (every upload kept, uploaded through
// the materials' safe upload path), text extracted in the background and indexed in the one full-text index,
// and followed by members who are told when a new version lands. Browsing: library-browse.server.ts; featuring in
// seminars: library-features.server.ts; who may add: library-access.server.ts.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { libraryDocumentAreas, libraryDocuments, libraryFollows, libraryVersions, users } from "../../db/schema";
import { KIND_LABELS, LIBRARY_KINDS, type LibraryKind } from "~/utils/library";
import { enqueueJob } from "~/services/jobs.server";
import { extractText } from "~/services/text-extract.server";
import { storedFilePath } from "~/services/uploads.server";
import { countActivity } from "./counts.server";
import { db, writeTransaction, type DB } from "./db.server";
import type { ItemSummary, KindHandler } from "./items.server";
import type { StoredFile } from "./material.server";
import { notify } from "./notifications.server";
import { indexDocument } from "./search.server";

export { KIND_LABELS, LIBRARY_KINDS, type LibraryKind };
export type LibraryDocument = typeof libraryDocuments.$inferSelect;
export type LibraryVersion = typeof libraryVersions.$inferSelect;


const isoDate = z
  .string({ error: "Enter a date." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && d.getUTCFullYear() >= 1000 && d.getUTCFullYear() <= 2200;
  }, "Enter a real date.");

const line = (max: number, what: string) => z.string().trim().max(max, `Keep the ${what} under ${max} characters.`).default("");

export const DocumentFormSchema = z.object({
  title: z.string({ error: "Give the document a title." }).trim().min(2, "Give the document a title.").max(200, "Keep the title under 200 characters."),
  kind: z.enum(LIBRARY_KINDS, { error: "Choose what kind of document this is." }),
  jurisdiction: line(100, "jurisdiction"),
  areas: line(300, "practice areas"),
  dated: isoDate,
  citation: line(300, "source or citation"),
  description: line(2000, "description"),
  asOf: isoDate,
});
export type DocumentInput = z.infer<typeof DocumentFormSchema>;

export const LibraryVersionSchema = z.object({
  asOf: isoDate,
  note: line(500, "note"),
});

/** "Privacy, Data protection;  privacy" → ["Privacy", "Data protection"] (case-insensitively unique, at most 10). */
export function parseAreas(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const a = part.replace(/\s+/g, " ").trim().slice(0, 60);
    if (a && !seen.has(a.toLowerCase())) {
      seen.add(a.toLowerCase());
      out.push(a);
    }
  }
  return out.slice(0, 10);
}

/** The library is the network's: every signed-in member may read every document. */
export const documentKind: KindHandler = {
  visibleIds(_viewer, ids) {
    if (!ids.length) return new Set();
    const rows = db().select({ id: libraryDocuments.id }).from(libraryDocuments).where(inArray(libraryDocuments.id, ids)).all();
    return new Set(rows.map((r) => r.id));
  },
  summarize(ids) {
    const out = new Map<number, ItemSummary>();
    if (!ids.length) return out;
    const rows = db()
      .select({ id: libraryDocuments.id, title: libraryDocuments.title })
      .from(libraryDocuments)
      .where(inArray(libraryDocuments.id, ids))
      .all();
    for (const r of rows) out.set(r.id, { title: r.title, href: `/library/${r.id}`, seminarId: null });
    return out;
  },
};

/** The index entry: title, citation, description and the current version's extracted text. */
function reindex(tx: DB, documentId: number) {
  const doc = tx.select().from(libraryDocuments).where(eq(libraryDocuments.id, documentId)).get();
  if (!doc) return;
  const version = doc.currentVersionId
    ? tx.select({ text: libraryVersions.text }).from(libraryVersions).where(eq(libraryVersions.id, doc.currentVersionId)).get()
    : undefined;
  const areas = tx.select({ area: libraryDocumentAreas.area }).from(libraryDocumentAreas).where(eq(libraryDocumentAreas.documentId, documentId)).all();
  indexDocument({
    conn: tx,
    kind: "document",
    id: doc.id,
    seminarId: null,
    scope: "network",
    title: doc.title,
    body: [doc.citation, doc.jurisdiction, areas.map((a) => a.area).join(", "), doc.description, version?.text ?? ""].filter(Boolean).join("\n"),
    path: `/library/${doc.id}`,
  });
}

function insertVersion(tx: DB, input: { documentId: number; version: number; file: StoredFile; asOf: string; note: string; actorId: number }) {
  const row = tx
    .insert(libraryVersions)
    .values({
      documentId: input.documentId,
      version: input.version,
      storedName: input.file.storedName,
      fileName: input.file.fileName,
      contentType: input.file.contentType,
      sizeBytes: input.file.size,
      sha256: input.file.sha256,
      asOf: input.asOf,
      note: input.note,
      uploadedById: input.actorId,
    })
    .returning()
    .get();
  tx.update(libraryDocuments)
    .set({ currentVersionId: row.id, currentVersion: input.version, updatedAt: new Date() })
    .where(eq(libraryDocuments.id, input.documentId))
    .run();
  // Text is read in the background (a big PDF takes seconds); the document is findable by its title meanwhile.
  enqueueJob(tx, { kind: EXTRACT_JOB, payload: { versionId: row.id }, total: 1 });
  return row;
}

export function createDocument({ actorId, input, file }: { actorId: number; input: DocumentInput; file: StoredFile }): LibraryDocument {
  return writeTransaction((tx) => {
    const doc = tx
      .insert(libraryDocuments)
      .values({
        title: input.title,
        kind: input.kind,
        jurisdiction: input.jurisdiction,
        dated: input.dated,
        citation: input.citation,
        description: input.description,
        createdById: actorId,
        updatedAt: new Date(),
      })
      .returning()
      .get();
    const areas = parseAreas(input.areas);
    if (areas.length) tx.insert(libraryDocumentAreas).values(areas.map((area) => ({ documentId: doc.id, area }))).run();
    insertVersion(tx, { documentId: doc.id, version: 1, file, asOf: input.asOf, note: "", actorId });
    reindex(tx, doc.id);
    countActivity(tx, { userId: actorId, counter: "document.added" });
    return doc;
  });
}

/** A new version; followers hear of it through notify() (topic "materials", their choice for updated materials). */
export function addDocumentVersion({
  document,
  actorId,
  actorName,
  input,
  file,
}: {
  document: LibraryDocument;
  actorId: number;
  actorName: string;
  input: z.infer<typeof LibraryVersionSchema>;
  file: StoredFile;
}): LibraryVersion {
  return writeTransaction((tx) => {
    const latest = tx
      .select({ n: sql<number>`coalesce(max(${libraryVersions.version}), 0)` })
      .from(libraryVersions)
      .where(eq(libraryVersions.documentId, document.id))
      .get();
    const version = insertVersion(tx, { documentId: document.id, version: (latest?.n ?? 0) + 1, file, asOf: input.asOf, note: input.note, actorId });
    reindex(tx, document.id);
    const followers = tx.select({ userId: libraryFollows.userId }).from(libraryFollows).where(eq(libraryFollows.documentId, document.id)).all();
    notify(tx, {
      ref: { kind: "document", id: document.id },
      event: "document.version",
      actorId,
      recipients: followers.map((f) => f.userId),
      topic: "materials",
      summary: `${actorName} added version ${version.version} of “${document.title}” (as of ${version.asOf}) to the library`,
    });
    countActivity(tx, { userId: actorId, counter: "document.version" });
    return version;
  });
}

export const EXTRACT_JOB = "library.extract";

/** Reads one version's text and, when it is still the current version, puts it in the index. */
export async function extractVersionText(versionId: number): Promise<void> {
  const version = db().select().from(libraryVersions).where(eq(libraryVersions.id, versionId)).get();
  if (!version || version.textStatus !== "pending") return;
  const result = await extractText(storedFilePath("materials", version.storedName), version.contentType).catch((e: unknown) => ({
    ok: false as const,
    error: e instanceof Error ? e.message : String(e),
  }));
  writeTransaction((tx) => {
    if (!result.ok) {
      console.warn(`[library] no text from version ${versionId}: ${result.error}`);
      tx.update(libraryVersions).set({ textStatus: "failed" }).where(eq(libraryVersions.id, versionId)).run();
      return;
    }
    tx.update(libraryVersions)
      .set(result.text === null ? { textStatus: "none" } : { textStatus: "done", text: result.text.replace(/\u0000/g, "") })
      .where(eq(libraryVersions.id, versionId))
      .run();
    reindex(tx, version.documentId);
  });
}


export function getDocument({ id }: { id: number }): LibraryDocument | undefined {
  return db().select().from(libraryDocuments).where(eq(libraryDocuments.id, id)).get();
}

export function documentAreas({ documentId }: { documentId: number }): string[] {
  return db()
    .select({ area: libraryDocumentAreas.area })
    .from(libraryDocumentAreas)
    .where(eq(libraryDocumentAreas.documentId, documentId))
    .all()
    .map((r) => r.area);
}

export function listDocumentVersions({ documentId }: { documentId: number }) {
  return db()
    .select({
      id: libraryVersions.id,
      version: libraryVersions.version,
      fileName: libraryVersions.fileName,
      contentType: libraryVersions.contentType,
      sizeBytes: libraryVersions.sizeBytes,
      asOf: libraryVersions.asOf,
      note: libraryVersions.note,
      textStatus: libraryVersions.textStatus,
      createdAt: libraryVersions.createdAt,
      uploadedBy: users.name,
    })
    .from(libraryVersions)
    .leftJoin(users, eq(users.id, libraryVersions.uploadedById))
    .where(eq(libraryVersions.documentId, documentId))
    .orderBy(desc(libraryVersions.version))
    .all();
}

export function getDocumentVersion({ documentId, version }: { documentId: number; version: number }): LibraryVersion | undefined {
  return db()
    .select()
    .from(libraryVersions)
    .where(and(eq(libraryVersions.documentId, documentId), eq(libraryVersions.version, version)))
    .get();
}

// ---- Following -------------------------------------------------------------------------------------------------

export function isFollowing({ documentId, userId }: { documentId: number; userId: number }): boolean {
  return !!db()
    .select({ one: sql`1` })
    .from(libraryFollows)
    .where(and(eq(libraryFollows.documentId, documentId), eq(libraryFollows.userId, userId)))
    .get();
}

export function setFollowing({ documentId, userId, follow }: { documentId: number; userId: number; follow: boolean }) {
  writeTransaction((tx) => {
    if (follow) {
      const added = tx.insert(libraryFollows).values({ documentId, userId }).onConflictDoNothing().run();
      if (added.changes) countActivity(tx, { userId, counter: "document.followed" });
    } else {
      tx.delete(libraryFollows).where(and(eq(libraryFollows.documentId, documentId), eq(libraryFollows.userId, userId))).run();
    }
  });
}

