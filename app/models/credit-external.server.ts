// Issue #17: credits a member earned elsewhere and records here with the certificate they were given. They are
// self-reported (the ledger says so); the certificate file is the member's and the staff's to open, nobody else's.
import { eq } from "drizzle-orm";
import { externalCreditLines, externalCredits } from "../../db/schema";
import { db, writeTransaction } from "./db.server";

export type ExternalCredit = typeof externalCredits.$inferSelect;

export interface ExternalLineInput {
  categoryId: number;
  hundredths: number;
}

export interface ExternalCreditLine {
  externalCreditId: number;
  title: string;
  provider: string;
  completedOn: string;
  courseNumber: string;
  fileName: string;
  jurisdictionId: number;
  jurisdiction: string;
  categoryId: number;
  category: string;
  hundredths: number;
}

/** Categories with their jurisdiction's step: what a member may record credits in. */
export function creditCategoryRules(): Map<number, { id: number; name: string; jurisdiction: string; step: number }> {
  const rows = db().$client
    .prepare(
      `select c.id, c.name, j.name as jurisdiction, j.step_hundredths as step from credit_categories c
         join credit_jurisdictions j on j.id = c.jurisdiction_id`,
    )
    .all() as { id: number; name: string; jurisdiction: string; step: number }[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Saves a self-reported course and its credits; the certificate is already stored (UPLOADS_DIR/credits). */
export function recordExternalCredit(input: {
  userId: number;
  title: string;
  provider: string;
  completedOn: string;
  courseNumber: string;
  lines: ExternalLineInput[];
  file: { storedName: string; fileName: string; contentType: string; size: number };
}): ExternalCredit {
  return writeTransaction((tx) => {
    const row = tx
      .insert(externalCredits)
      .values({
        userId: input.userId,
        title: input.title,
        provider: input.provider,
        completedOn: input.completedOn,
        courseNumber: input.courseNumber,
        storedName: input.file.storedName,
        fileName: input.file.fileName,
        contentType: input.file.contentType,
        sizeBytes: input.file.size,
      })
      .returning()
      .get();
    for (const l of input.lines) tx.insert(externalCreditLines).values({ externalCreditId: row.id, ...l }).run();
    return row;
  });
}

/** Every credit line a member recorded from elsewhere, oldest first. */
export function externalCreditLinesOf(userId: number): ExternalCreditLine[] {
  return db().$client
    .prepare(
      `select e.id as externalCreditId, e.title, e.provider, e.completed_on as completedOn, e.course_number as courseNumber,
              e.file_name as fileName, j.id as jurisdictionId, j.name as jurisdiction, c.id as categoryId, c.name as category,
              l.hundredths
         from external_credits e join external_credit_lines l on l.external_credit_id = e.id
         join credit_categories c on c.id = l.category_id join credit_jurisdictions j on j.id = c.jurisdiction_id
        where e.user_id = ? order by e.completed_on, e.id, j.position, c.position`,
    )
    .all(userId) as ExternalCreditLine[];
}

/** The certificate of one self-reported course, for its member or the institute's staff; null for anyone else. */
export function externalCertificateFor(viewer: { id: number; role: string }, id: number): ExternalCredit | null {
  const row = db().select().from(externalCredits).where(eq(externalCredits.id, id)).get();
  if (!row || (row.userId !== viewer.id && viewer.role !== "admin")) return null;
  return row;
}

/** Removes one of the member's own records; returns the stored file's name for the caller to delete after commit. */
export function deleteExternalCredit(input: { userId: number; id: number }): string | null {
  return writeTransaction((tx) => {
    const row = tx.select().from(externalCredits).where(eq(externalCredits.id, input.id)).get();
    if (!row || row.userId !== input.userId) return null;
    tx.delete(externalCredits).where(eq(externalCredits.id, row.id)).run();
    return row.storedName;
  });
}
