// Course materials: a material has versions (every upload is kept), downloads are logged, and members are told
// about new materials and about newer versions of what they downloaded (on the micro-site and by mail).
import { and, count, desc, eq, inArray, isNull, lte, max, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { materialDownloads, materialNotices, materials, materialVersions, memberships, seminarActivity } from "../../db/schema";
import { recordActivity } from "./activity.server";
import { db, inIdList, prepared, writeTransaction, type DB } from "./db.server";
import type { Seminar } from "./seminar.server";
import { notifyMaterialChange } from "./material-notices.server";

export type MaterialRow = typeof materials.$inferSelect;
export type VersionRow = typeof materialVersions.$inferSelect;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2200;
  }, "Enter a real date.");

export const MaterialFormSchema = z.object({
  title: z.string().trim().min(2, "Give the material a title.").max(200, "Keep the title under 200 characters."),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
  asOf: isoDate,
});

export const VersionFormSchema = z.object({
  asOf: isoDate,
  note: z.string().trim().max(500, "Keep the note under 500 characters.").default(""),
});

export const MaterialDetailsSchema = MaterialFormSchema.pick({ title: true, description: true });

export interface StoredFile {
  storedName: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface MaterialListItem {
  id: number;
  title: string;
  description: string;
  updatedAt: Date;
  version: number;
  versionId: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  asOf: string;
  /** Instructors only. */
  downloads?: number;
  /** The latest version the viewer downloaded, if any. */
  viewerVersion: number | null;
}

/** A seminar's materials, newest change first, with the viewer's own download state (bounded). */
export function listMaterials({
  seminarId,
  viewerId,
  withCounts,
  limit = 500,
}: {
  seminarId: number;
  viewerId: number;
  withCounts: boolean;
  limit?: number;
}): MaterialListItem[] {
  // The seminar home lists the latest five on every view: both statements are prepared once (issue #9).
  const rows = prepared("material.listMaterials", (d) =>
    d
      .select({
        id: materials.id,
        title: materials.title,
        description: materials.description,
        updatedAt: materials.updatedAt,
        version: materialVersions.version,
        versionId: materialVersions.id,
        fileName: materialVersions.fileName,
        contentType: materialVersions.contentType,
        sizeBytes: materialVersions.sizeBytes,
        asOf: materialVersions.asOf,
      })
      .from(materials)
      .innerJoin(materialVersions, eq(materialVersions.id, materials.currentVersionId))
      .where(eq(materials.seminarId, sql.placeholder("seminarId")))
      .orderBy(desc(materials.updatedAt), desc(materials.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all({ seminarId, limit });
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const mine = new Map(
    prepared("material.listMaterials.mine", (d) =>
      d
        .select({ materialId: materialDownloads.materialId, version: max(materialVersions.version) })
        .from(materialDownloads)
        .innerJoin(materialVersions, eq(materialVersions.id, materialDownloads.versionId))
        .where(
          and(
            eq(materialDownloads.userId, sql.placeholder("viewerId")),
            inIdList(materialDownloads.materialId),
          ),
        )
        .groupBy(materialDownloads.materialId)
        .prepare(),
    )
      .all({ viewerId, ids: JSON.stringify(ids) })
      .map((r) => [r.materialId, r.version ?? null]),
  );
  const counts = withCounts ? downloadCounts(ids) : null;
  return rows.map((r) => ({
    ...r,
    viewerVersion: mine.get(r.id) ?? null,
    ...(counts ? { downloads: counts.get(r.id) ?? 0 } : {}),
  }));
}

function downloadCounts(materialIds: number[]): Map<number, number> {
  if (!materialIds.length) return new Map();
  return new Map(
    db()
      .select({ materialId: materialDownloads.materialId, n: count() })
      .from(materialDownloads)
      .where(inArray(materialDownloads.materialId, materialIds))
      .groupBy(materialDownloads.materialId)
      .all()
      .map((r) => [r.materialId, r.n]),
  );
}

/** A material of this seminar, or undefined (an id from another seminar finds nothing). */
export function getMaterial({ seminarId, materialId }: { seminarId: number; materialId: number }): MaterialRow | undefined {
  return db()
    .select()
    .from(materials)
    .where(and(eq(materials.seminarId, seminarId), eq(materials.id, materialId)))
    .get();
}

/** All versions of a material, newest first; with per-version download counts for instructors. */
export function listVersions({ materialId, withCounts }: { materialId: number; withCounts: boolean }) {
  const rows = db()
    .select()
    .from(materialVersions)
    .where(eq(materialVersions.materialId, materialId))
    .orderBy(desc(materialVersions.version))
    .limit(200)
    .all();
  const counts = withCounts
    ? new Map(
        db()
          .select({ versionId: materialDownloads.versionId, n: count() })
          .from(materialDownloads)
          .where(eq(materialDownloads.materialId, materialId))
          .groupBy(materialDownloads.versionId)
          .all()
          .map((r) => [r.versionId, r.n]),
      )
    : null;
  return rows.map((v) => ({ ...v, downloads: counts ? (counts.get(v.id) ?? 0) : undefined }));
}

export function materialDownloadSummary({ materialId }: { materialId: number }) {
  const row = db()
    .select({ total: count(), people: sql<number>`count(distinct ${materialDownloads.userId})` })
    .from(materialDownloads)
    .where(eq(materialDownloads.materialId, materialId))
    .get();
  return { total: row?.total ?? 0, people: row?.people ?? 0 };
}

/** A version of this material by its number, or undefined. */
export function getVersion({ materialId, version }: { materialId: number; version: number }): VersionRow | undefined {
  return db()
    .select()
    .from(materialVersions)
    .where(and(eq(materialVersions.materialId, materialId), eq(materialVersions.version, version)))
    .get();
}

export function getVersionById({ materialId, versionId }: { materialId: number; versionId: number }): VersionRow | undefined {
  return db()
    .select()
    .from(materialVersions)
    .where(and(eq(materialVersions.materialId, materialId), eq(materialVersions.id, versionId)))
    .get();
}

export function materialPath(slug: string, materialId: number) {
  return `/s/${slug}/materials/${materialId}`;
}

export function createMaterial({
  seminar,
  actorId,
  title,
  description,
  asOf,
  file,
}: {
  seminar: Seminar;
  actorId: number;
  title: string;
  description: string;
  asOf: string;
  file: StoredFile;
}): MaterialRow {
  return writeTransaction((tx) => {
    const material = tx.insert(materials).values({ seminarId: seminar.id, title, description, createdById: actorId }).returning().get();
    const version = insertVersion(tx, { materialId: material.id, version: 1, asOf, note: "", file, actorId });
    tx.update(materials).set({ currentVersionId: version.id }).where(eq(materials.id, material.id)).run();
    recordActivity(tx, {
      seminarId: seminar.id,
      actorId,
      kind: "material",
      summary: `New material: ${title}`,
      href: materialPath(seminar.slug, material.id),
    });
    // Everyone in the seminar hears about a new material (per their "materials" mail choice).
    const recipients = tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.seminarId, seminar.id), ne(memberships.userId, actorId)))
      .all()
      .map((r) => r.userId);
    notifyMaterialChange(tx, { seminar, material: { ...material, title }, versionId: version.id, versionNumber: 1, recipients });
    return { ...material, currentVersionId: version.id };
  });
}

function insertVersion(
  tx: DB,
  v: { materialId: number; version: number; asOf: string; note: string; file: StoredFile; actorId: number },
): VersionRow {
  return tx
    .insert(materialVersions)
    .values({
      materialId: v.materialId,
      version: v.version,
      storedName: v.file.storedName,
      fileName: v.file.fileName,
      contentType: v.file.contentType,
      sizeBytes: v.file.size,
      sha256: v.file.sha256,
      asOf: v.asOf,
      note: v.note,
      uploadedById: v.actorId,
    })
    .returning()
    .get();
}

/** Adds a version (earlier ones stay); members who downloaded an earlier version are told. */
export function addMaterialVersion({
  seminar,
  material,
  actorId,
  asOf,
  note,
  file,
}: {
  seminar: Seminar;
  material: MaterialRow;
  actorId: number;
  asOf: string;
  note: string;
  file: StoredFile;
}): VersionRow {
  return writeTransaction((tx) => {
    const last = tx
      .select({ v: max(materialVersions.version) })
      .from(materialVersions)
      .where(eq(materialVersions.materialId, material.id))
      .get();
    const number = (last?.v ?? 0) + 1;
    const version = insertVersion(tx, { materialId: material.id, version: number, asOf, note, file, actorId });
    tx.update(materials).set({ currentVersionId: version.id, updatedAt: new Date() }).where(eq(materials.id, material.id)).run();
    recordActivity(tx, {
      seminarId: seminar.id,
      actorId,
      kind: "material-version",
      summary: `New version (${number}) of ${material.title}`,
      href: materialPath(seminar.slug, material.id),
    });
    const recipients = tx
      .selectDistinct({ userId: materialDownloads.userId })
      .from(materialDownloads)
      .innerJoin(
        memberships,
        and(eq(memberships.userId, materialDownloads.userId), eq(memberships.seminarId, seminar.id)),
      )
      .where(and(eq(materialDownloads.materialId, material.id), ne(materialDownloads.userId, actorId)))
      .all()
      .map((r) => r.userId!)
      .filter(Boolean);
    notifyMaterialChange(tx, { seminar, material, versionId: version.id, versionNumber: number, recipients });
    return version;
  });
}

export function updateMaterialDetails({
  seminarId,
  materialId,
  title,
  description,
}: {
  seminarId: number;
  materialId: number;
  title: string;
  description: string;
}) {
  writeTransaction((tx) =>
    tx
      .update(materials)
      .set({ title, description })
      .where(and(eq(materials.seminarId, seminarId), eq(materials.id, materialId)))
      .run(),
  );
}

/**
 * Removes a material with all its versions, downloads and notices (an upload to the wrong seminar must be able to
 * disappear). Returns the stored file names for the caller to delete once the rows are gone.
 */
export function deleteMaterial({ seminar, materialId }: { seminar: Seminar; materialId: number }): string[] {
  return writeTransaction((tx) => {
    const files = tx
      .select({ storedName: materialVersions.storedName })
      .from(materialVersions)
      .innerJoin(materials, eq(materials.id, materialVersions.materialId))
      .where(and(eq(materials.seminarId, seminar.id), eq(materials.id, materialId)))
      .all()
      .map((r) => r.storedName);
    tx.delete(materials).where(and(eq(materials.seminarId, seminar.id), eq(materials.id, materialId))).run();
    tx.delete(seminarActivity)
      .where(and(eq(seminarActivity.seminarId, seminar.id), eq(seminarActivity.href, materialPath(seminar.slug, materialId))))
      .run();
    return files;
  });
}

/** Logs a download and clears the viewer's notices this version answers. */
export function recordDownload({ material, version, userId }: { material: MaterialRow; version: VersionRow; userId: number }) {
  writeTransaction((tx) => {
    tx.insert(materialDownloads).values({ materialId: material.id, versionId: version.id, userId }).run();
    const answered = tx
      .select({ id: materialVersions.id })
      .from(materialVersions)
      .where(and(eq(materialVersions.materialId, material.id), lte(materialVersions.version, version.version)))
      .all()
      .map((r) => r.id);
    tx.update(materialNotices)
      .set({ seenAt: new Date() })
      .where(
        and(
          eq(materialNotices.userId, userId),
          eq(materialNotices.materialId, material.id),
          isNull(materialNotices.seenAt),
          inArray(materialNotices.versionId, answered),
        ),
      )
      .run();
  });
}

