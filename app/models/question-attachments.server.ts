// Issue #14: files attached to a question, received through the one safe upload path (uploads.server.ts: size cap,
// type from the bytes, random stored name) and kept under UPLOADS_DIR/questions. Who may download one is who may
// see the question (requireQuestionAccess). A file received with a form that is shown again (an error, or similar
// questions to look at first) is kept as a pending row of its uploader, so it is not lost; unclaimed ones are swept.
import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { questionAttachments } from "../../db/schema";
import { db, writeTransaction, type DB } from "./db.server";
import type { Viewer } from "./items.server";

export const MAX_QUESTION_ATTACHMENTS = 5;
/** Pending uploads nobody posted are removed after this long. */
export const PENDING_ATTACHMENT_MS = 24 * 3600_000;

export interface NewAttachment {
  storedName: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface AttachmentView {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
}

const viewColumns = {
  id: questionAttachments.id,
  fileName: questionAttachments.fileName,
  contentType: questionAttachments.contentType,
  size: questionAttachments.size,
};

export function attachmentsOf({ questionId }: { questionId: number }): AttachmentView[] {
  return db().select(viewColumns).from(questionAttachments).where(eq(questionAttachments.questionId, questionId)).orderBy(asc(questionAttachments.id)).all();
}

/** One attachment of this question (the caller has checked the viewer may see the question). */
export function getQuestionAttachment({ questionId, attachmentId }: { questionId: number; attachmentId: number }) {
  return db()
    .select()
    .from(questionAttachments)
    .where(and(eq(questionAttachments.id, attachmentId), eq(questionAttachments.questionId, questionId)))
    .get();
}

/** Keeps a received file for its uploader until the question is posted; returns the pending id. */
export function keepPendingAttachment({ uploaderId, file }: { uploaderId: number; file: NewAttachment }): number {
  return writeTransaction((tx) => tx.insert(questionAttachments).values({ uploaderId, ...file }).returning({ id: questionAttachments.id }).get().id);
}

/** A pending upload of this member (never someone else's, never one already attached). */
export function pendingAttachment({ uploaderId, id }: { uploaderId: number; id: number }): AttachmentView | undefined {
  return db()
    .select(viewColumns)
    .from(questionAttachments)
    .where(and(eq(questionAttachments.id, id), eq(questionAttachments.uploaderId, uploaderId), isNull(questionAttachments.questionId)))
    .get();
}

/** Inside the question's write transaction: the member's pending upload becomes the question's. */
export function claimPendingAttachment(tx: DB, { questionId, uploaderId, id }: { questionId: number; uploaderId: number; id: number }): boolean {
  return (
    tx
      .update(questionAttachments)
      .set({ questionId })
      .where(and(eq(questionAttachments.id, id), eq(questionAttachments.uploaderId, uploaderId), isNull(questionAttachments.questionId)))
      .run().changes === 1
  );
}

export type AttachResult = { ok: true; message: string } | { ok: false; error: string; status?: number };

/** The asker adds a file to their question later (at most MAX_QUESTION_ATTACHMENTS). */
export function addQuestionAttachment({ viewer, question, file }: { viewer: Viewer; question: { id: number; authorId: number | null; closedAt: Date | null }; file: NewAttachment }): AttachResult {
  if (question.authorId !== viewer.id) return { ok: false, error: "Only the asker can attach files to a question.", status: 403 };
  if (question.closedAt) return { ok: false, error: "This question is closed." };
  return writeTransaction((tx) => {
    const n = tx.select({ n: sql<number>`count(*)` }).from(questionAttachments).where(eq(questionAttachments.questionId, question.id)).get()?.n ?? 0;
    if (n >= MAX_QUESTION_ATTACHMENTS) return { ok: false as const, error: `A question can have at most ${MAX_QUESTION_ATTACHMENTS} files. Remove one first.` };
    tx.insert(questionAttachments).values({ questionId: question.id, uploaderId: viewer.id, ...file }).run();
    return { ok: true as const, message: `${file.fileName} is attached.` };
  });
}

/** The asker (or staff) removes a file; returns its stored name so the caller deletes it from disk. */
export function removeQuestionAttachment({
  viewer,
  question,
  attachmentId,
}: {
  viewer: Viewer;
  question: { id: number; authorId: number | null };
  attachmentId: number;
}): (AttachResult & { storedName?: string }) {
  if (question.authorId !== viewer.id && viewer.role !== "admin") return { ok: false, error: "Only the asker can remove a file.", status: 403 };
  const row = writeTransaction((tx) =>
    tx
      .delete(questionAttachments)
      .where(and(eq(questionAttachments.id, attachmentId), eq(questionAttachments.questionId, question.id)))
      .returning({ storedName: questionAttachments.storedName, fileName: questionAttachments.fileName })
      .get(),
  );
  if (!row) return { ok: false, error: "No such file.", status: 404 };
  return { ok: true, message: `${row.fileName} was removed.`, storedName: row.storedName };
}

/** Stored names of a question's files, read before the question is erased (its rows go with it). */
export function storedNamesOf({ questionId }: { questionId: number }): string[] {
  return db().select({ s: questionAttachments.storedName }).from(questionAttachments).where(eq(questionAttachments.questionId, questionId)).all().map((r) => r.s);
}

/** Pending uploads older than a day: their rows are deleted and their stored names returned for the files. */
export function sweepPendingAttachments({ now = Date.now() }: { now?: number } = {}): string[] {
  const old = and(isNull(questionAttachments.questionId), lt(questionAttachments.createdAt, new Date(now - PENDING_ATTACHMENT_MS)));
  if (!db().select({ id: questionAttachments.id }).from(questionAttachments).where(old).limit(1).get()) return [];
  return writeTransaction((tx) => tx.delete(questionAttachments).where(old).returning({ s: questionAttachments.storedName }).all().map((r) => r.s));
}
