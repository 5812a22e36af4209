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

// ---------- the staff's view: every member's self-reported courses ----------

export interface ReportedCreditFilter {
  /** Part of the member's name or email. */
  search?: string;
  jurisdictionId?: number;
  /** Completed on or after / on or before (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

export interface ReportedCourse {
  id: number;
  userId: number;
  memberName: string;
  memberEmail: string;
  title: string;
  provider: string;
  completedOn: string;
  courseNumber: string;
  fileName: string;
  recordedAt: number;
  lines: { jurisdiction: string; category: string; hundredths: number }[];
}

const like = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (x) => `\\${x}`)}%`;

/** The filter as SQL over `external_credits e join users u`, and its parameters (named, so each is bound once). */
function reportedWhere(f: ReportedCreditFilter) {
  return {
    sql: `(:q is null or lower(u.name) like :q escape '\\' or lower(u.email) like :q escape '\\')
      and (:j is null or exists (select 1 from external_credit_lines l join credit_categories c on c.id = l.category_id
                                  where l.external_credit_id = e.id and c.jurisdiction_id = :j))
      and (:from is null or e.completed_on >= :from) and (:to is null or e.completed_on <= :to)`,
    params: { q: f.search ? like(f.search) : null, j: f.jurisdictionId ?? null, from: f.from ?? null, to: f.to ?? null },
  };
}

/**
 * Staff only (the route's guard): members' self-reported courses, most recently recorded first, a page at a time
 * (`before` is the last id of the previous page). Each course carries its credit lines.
 */
export function listReportedCredits(f: ReportedCreditFilter & { before?: number; limit?: number }): { rows: ReportedCourse[]; nextBefore: number | null } {
  const limit = f.limit ?? 50;
  const where = reportedWhere(f);
  const found = db().$client
    .prepare(
      `select e.id, e.user_id as userId, u.name as memberName, u.email as memberEmail, e.title, e.provider,
              e.completed_on as completedOn, e.course_number as courseNumber, e.file_name as fileName, e.created_at as recordedAt
         from external_credits e join users u on u.id = e.user_id
        where ${where.sql} and (:before is null or e.id < :before)
        order by e.id desc limit :limit`,
    )
    .all({ ...where.params, before: f.before ?? null, limit: limit + 1 }) as Omit<ReportedCourse, "lines">[];
  const page = found.slice(0, limit);
  const lines = linesOf(page.map((r) => r.id));
  return {
    rows: page.map((r) => ({ ...r, lines: lines.get(r.id) ?? [] })),
    nextBefore: found.length > limit ? page.at(-1)!.id : null,
  };
}

/** For the staff's CSV: one row per credit line of every matching course (at most `cap` courses, newest first). */
export function reportedCreditRows(f: ReportedCreditFilter, cap = 20_000): (Omit<ReportedCourse, "lines"> & { jurisdiction: string; category: string; hundredths: number })[] {
  const where = reportedWhere(f);
  return db().$client
    .prepare(
      `select e.id, e.user_id as userId, u.name as memberName, u.email as memberEmail, e.title, e.provider,
              e.completed_on as completedOn, e.course_number as courseNumber, e.file_name as fileName, e.created_at as recordedAt,
              j.name as jurisdiction, c.name as category, l.hundredths
         from (select e.* from external_credits e join users u on u.id = e.user_id where ${where.sql} order by e.id desc limit :cap) e
         join users u on u.id = e.user_id
         join external_credit_lines l on l.external_credit_id = e.id
         join credit_categories c on c.id = l.category_id join credit_jurisdictions j on j.id = c.jurisdiction_id
        order by e.id desc, j.position, c.position`,
    )
    .all({ ...where.params, cap }) as ReturnType<typeof reportedCreditRows>;
}

function linesOf(ids: number[]): Map<number, ReportedCourse["lines"]> {
  const out = new Map<number, ReportedCourse["lines"]>();
  if (!ids.length) return out;
  const rows = db().$client
    .prepare(
      `select l.external_credit_id as id, j.name as jurisdiction, c.name as category, l.hundredths
         from external_credit_lines l join credit_categories c on c.id = l.category_id
         join credit_jurisdictions j on j.id = c.jurisdiction_id
        where l.external_credit_id in (select value from json_each(?)) order by j.position, c.position`,
    )
    .all(JSON.stringify(ids)) as { id: number; jurisdiction: string; category: string; hundredths: number }[];
  for (const { id, ...line } of rows) out.set(id, [...(out.get(id) ?? []), line]);
  return out;
}
