// Issue #17: CLE credits. Credits offered per session (per jurisdiction's categories), attendance proven by codes an
// instructor reveals or by a meeting platform's report, the member's ledger, and certificates that never change once
// issued (a correction reissues with a new code; the old one shows as replaced).
import { randomInt } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import {
  attendance,
  attendanceCodes,
  attendanceCodeUses,
  certificateBarChoices,
  certificates,
  creditCategories,
  creditJurisdictions,
  creditProvider,
  sessionCredits,
} from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";

export type Jurisdiction = typeof creditJurisdictions.$inferSelect;
export type Category = typeof creditCategories.$inferSelect;

/** Joining late or leaving early by up to this much still counts as attending the whole session. */
export const GRACE_MINUTES = 5;
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const MINUTE = 60_000;

import { formatCredits } from "~/utils/credits";
export { formatCredits };

// ---------------------------------------------------------------- jurisdictions and categories (editable data)

export function listJurisdictions(): (Jurisdiction & { categories: Category[] })[] {
  const js = db().select().from(creditJurisdictions).orderBy(asc(creditJurisdictions.position), asc(creditJurisdictions.name)).all();
  const cats = db().select().from(creditCategories).orderBy(asc(creditCategories.position), asc(creditCategories.name)).all();
  return js.map((j) => ({ ...j, categories: cats.filter((c) => c.jurisdictionId === j.id) }));
}

export function saveJurisdiction(input: {
  id?: number;
  code: string;
  name: string;
  minutesPerCredit: number;
  stepHundredths: number;
  allowsPartial: boolean;
  actorId: number;
}): { ok: true } | { ok: false; field: string; error: string } {
  return writeTransaction((tx) => {
    const clash = tx.select().from(creditJurisdictions).where(eq(creditJurisdictions.code, input.code)).get();
    if (clash && clash.id !== input.id) return { ok: false as const, field: "code", error: "Another jurisdiction has this code." };
    const values = {
      code: input.code,
      name: input.name,
      minutesPerCredit: input.minutesPerCredit,
      stepHundredths: input.stepHundredths,
      allowsPartial: input.allowsPartial,
    };
    if (input.id) tx.update(creditJurisdictions).set(values).where(eq(creditJurisdictions.id, input.id)).run();
    else {
      const max = tx.$client.prepare("select coalesce(max(position), 0) + 1 as p from credit_jurisdictions").get() as { p: number };
      tx.insert(creditJurisdictions).values({ ...values, position: max.p }).run();
    }
    audit(tx, { actorId: input.actorId, action: "credits.configured", subject: input.code, details: values });
    return { ok: true as const };
  });
}

export function addCategory(input: { jurisdictionId: number; name: string; actorId: number }): { ok: true } | { ok: false; error: string } {
  return writeTransaction((tx) => {
    const j = tx.select().from(creditJurisdictions).where(eq(creditJurisdictions.id, input.jurisdictionId)).get();
    if (!j) return { ok: false as const, error: "Choose a jurisdiction." };
    const clash = tx
      .select()
      .from(creditCategories)
      .where(and(eq(creditCategories.jurisdictionId, j.id), eq(creditCategories.name, input.name)))
      .get();
    if (clash) return { ok: false as const, error: "That category already exists." };
    const max = tx.$client.prepare("select coalesce(max(position), 0) + 1 as p from credit_categories where jurisdiction_id = ?").get(j.id) as { p: number };
    tx.insert(creditCategories).values({ jurisdictionId: j.id, name: input.name, position: max.p }).run();
    audit(tx, { actorId: input.actorId, action: "credits.configured", subject: `${j.code}: ${input.name}` });
    return { ok: true as const };
  });
}

export type Provider = typeof creditProvider.$inferSelect;

export function getProvider(): Provider {
  return (
    db().select().from(creditProvider).where(eq(creditProvider.id, 1)).get() ?? {
      id: 1,
      instituteName: "The Institute",
      signatoryName: "",
      signatoryTitle: "",
    }
  );
}

export function saveProvider(input: Omit<Provider, "id">, actorId: number) {
  writeTransaction((tx) => {
    tx.insert(creditProvider)
      .values({ id: 1, ...input })
      .onConflictDoUpdate({ target: creditProvider.id, set: input })
      .run();
    audit(tx, { actorId, action: "credits.configured", subject: "provider", details: input });
  });
}

// ---------------------------------------------------------------- credits offered per session

export interface SessionRow {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  minutes: number;
}

export function seminarSessionsOf(seminarId: number, tx: DB = db()): SessionRow[] {
  const rows = tx.$client
    .prepare("select id, title, starts_at as s, ends_at as e from seminar_sessions where seminar_id = ? order by starts_at, id")
    .all(seminarId) as { id: number; title: string; s: number; e: number }[];
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: new Date(r.s), endsAt: new Date(r.e), minutes: Math.round((r.e - r.s) / MINUTE) }));
}

export interface OfferedCredit {
  sessionId: number;
  categoryId: number;
  category: string;
  jurisdictionId: number;
  jurisdiction: string;
  jurisdictionCode: string;
  hundredths: number;
  courseNumber: string;
  allowsPartial: boolean;
  stepHundredths: number;
}

export function creditsOffered(seminarId: number, tx: DB = db()): OfferedCredit[] {
  return tx.$client
    .prepare(
      `select sc.session_id as sessionId, sc.category_id as categoryId, c.name as category, j.id as jurisdictionId,
              j.name as jurisdiction, j.code as jurisdictionCode, sc.hundredths, sc.course_number as courseNumber,
              j.allows_partial as allowsPartial, j.step_hundredths as stepHundredths
         from session_credits sc
         join seminar_sessions s on s.id = sc.session_id
         join credit_categories c on c.id = sc.category_id
         join credit_jurisdictions j on j.id = c.jurisdiction_id
        where s.seminar_id = ?
        order by s.starts_at, j.position, c.position`,
    )
    .all(seminarId)
    .map((r) => ({ ...(r as OfferedCredit), allowsPartial: Boolean((r as { allowsPartial: number }).allowsPartial) }));
}

export interface CreditInput {
  categoryId: number;
  amount: string;
  courseNumber: string;
}

/** Replaces a session's credits. Amounts must follow each jurisdiction's step (e.g. 0.5 in New York). */
export function setSessionCredits(input: {
  seminarId: number;
  sessionId: number;
  rows: CreditInput[];
  actorId: number;
}): { ok: true } | { ok: false; errors: Record<number, string> } {
  const cats = new Map(
    (db().$client
      .prepare(
        `select c.id, c.name, j.name as jurisdiction, j.step_hundredths as step from credit_categories c
           join credit_jurisdictions j on j.id = c.jurisdiction_id`,
      )
      .all() as { id: number; name: string; jurisdiction: string; step: number }[]).map((c) => [c.id, c]),
  );
  const errors: Record<number, string> = {};
  const values: { categoryId: number; hundredths: number; courseNumber: string }[] = [];
  for (const r of input.rows) {
    const cat = cats.get(r.categoryId);
    if (!cat) continue;
    const raw = r.amount.trim();
    if (raw === "" || raw === "0") continue;
    if (!/^\d{1,2}(\.\d{1,2})?$/.test(raw)) {
      errors[r.categoryId] = "Enter a number of credits such as 1.5.";
      continue;
    }
    const hundredths = Math.round(Number(raw) * 100);
    if (hundredths <= 0 || hundredths > 2400) errors[r.categoryId] = "Enter between 0 and 24 credits.";
    else if (hundredths % cat.step !== 0) errors[r.categoryId] = `${cat.jurisdiction} counts credits in steps of ${formatCredits(cat.step)}.`;
    else values.push({ categoryId: r.categoryId, hundredths, courseNumber: r.courseNumber.trim().slice(0, 80) });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  writeTransaction((tx) => {
    const s = tx.$client.prepare("select id from seminar_sessions where id = ? and seminar_id = ?").get(input.sessionId, input.seminarId);
    if (!s) return;
    tx.delete(sessionCredits).where(eq(sessionCredits.sessionId, input.sessionId)).run();
    for (const v of values) tx.insert(sessionCredits).values({ sessionId: input.sessionId, ...v }).run();
    audit(tx, { actorId: input.actorId, action: "credits.configured", subject: `session ${input.sessionId}`, details: { values } });
  });
  return { ok: true };
}

// ---------------------------------------------------------------- attendance codes

export function newAttendanceCode(): string {
  let out = "";
  for (let i = 0; i < 6; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

export function revealCode(input: { seminarId: number; sessionId: number; validMinutes: number; actorId: number; now?: Date }) {
  const now = input.now ?? new Date();
  return writeTransaction((tx) => {
    const s = tx.$client.prepare("select id from seminar_sessions where id = ? and seminar_id = ?").get(input.sessionId, input.seminarId);
    if (!s) return null;
    const code = newAttendanceCode();
    const row = tx
      .insert(attendanceCodes)
      .values({ sessionId: input.sessionId, code, createdById: input.actorId, createdAt: now, expiresAt: new Date(now.getTime() + input.validMinutes * MINUTE) })
      .returning()
      .get();
    return row;
  });
}

export function codesOf(sessionId: number) {
  return db().select().from(attendanceCodes).where(eq(attendanceCodes.sessionId, sessionId)).orderBy(asc(attendanceCodes.createdAt)).all();
}

export type EnterCodeResult =
  | { ok: true; sessionTitle: string; sessionId: number }
  | { ok: false; reason: "unknown" | "expired" | "used"; message: string };

/** Normalises what a member typed: case, spaces and dashes do not matter. */
export const normalizeCode = (raw: string) => raw.toUpperCase().replace(/[\s-]+/g, "");

/**
 * A member enters a code shown during a session of THIS seminar (the caller has checked membership). Each code counts
 * once per member and only within its window. `onClaimed` runs inside the transaction (activity counting).
 */
export function enterAttendanceCode(input: {
  seminarId: number;
  userId: number;
  code: string;
  now?: Date;
  onClaimed?: (tx: DB) => void;
}): EnterCodeResult {
  const now = input.now ?? new Date();
  const code = normalizeCode(input.code);
  return writeTransaction((tx): EnterCodeResult => {
    // The newest code with this text in this seminar; codes of other seminars are simply unknown here.
    const row = tx.$client
      .prepare(
        `select ac.id, ac.session_id as sessionId, ac.expires_at as expiresAt, ac.created_at as createdAt, s.title
           from attendance_codes ac join seminar_sessions s on s.id = ac.session_id
          where s.seminar_id = ? and ac.code = ? order by ac.created_at desc limit 1`,
      )
      .get(input.seminarId, code) as { id: number; sessionId: number; expiresAt: number; createdAt: number; title: string } | undefined;
    if (!row || row.createdAt > now.getTime()) return { ok: false, reason: "unknown", message: "That code does not match any session of this seminar." };
    if (row.expiresAt <= now.getTime()) return { ok: false, reason: "expired", message: "That code has expired. Ask the instructor for the current code." };
    const used = tx
      .insert(attendanceCodeUses)
      .values({ codeId: row.id, userId: input.userId, usedAt: now })
      .onConflictDoNothing()
      .run();
    if (used.changes === 0) return { ok: false, reason: "used", message: "You have already entered this code." };
    tx.insert(attendance)
      .values({ sessionId: row.sessionId, userId: input.userId, updatedAt: now })
      .onConflictDoUpdate({ target: [attendance.sessionId, attendance.userId], set: { updatedAt: now } })
      .run();
    input.onClaimed?.(tx);
    return { ok: true, sessionTitle: row.title, sessionId: row.sessionId };
  });
}

// ---------------------------------------------------------------- attendance and credit earned

export interface AttendanceFact {
  sessionId: number;
  userId: number;
  codesEntered: number;
  codesShown: number;
  importedMinutes: number | null;
  correctedMinutes: number | null;
  correctionReason: string | null;
}

/** Every attendance fact of one seminar (optionally one member): one query. */
export function attendanceFacts(seminarId: number, userId?: number, tx: DB = db()): AttendanceFact[] {
  return tx.$client
    .prepare(
      `select a.session_id as sessionId, a.user_id as userId, a.imported_minutes as importedMinutes,
              a.corrected_minutes as correctedMinutes, a.correction_reason as correctionReason,
              (select count(*) from attendance_code_uses u join attendance_codes c on c.id = u.code_id
                where c.session_id = a.session_id and u.user_id = a.user_id) as codesEntered,
              (select count(*) from attendance_codes c where c.session_id = a.session_id) as codesShown
         from attendance a join seminar_sessions s on s.id = a.session_id
        where s.seminar_id = ? and (? is null or a.user_id = ?)`,
    )
    .all(seminarId, userId ?? null, userId ?? null) as AttendanceFact[];
}

/** Minutes a member attended: a staff correction wins; otherwise the better of the platform report and the codes. */
export function minutesAttended(f: AttendanceFact, session: SessionRow): number {
  if (f.correctedMinutes != null) return Math.min(session.minutes, f.correctedMinutes);
  const byCodes = f.codesShown > 0 ? Math.round((session.minutes * f.codesEntered) / f.codesShown) : 0;
  return Math.min(session.minutes, Math.max(f.importedMinutes ?? 0, byCodes));
}

/** Credit earned for one offered credit: all of it for the whole session, in proportion only where allowed. */
export function creditEarned(offer: Pick<OfferedCredit, "hundredths" | "allowsPartial" | "stepHundredths">, minutes: number, sessionMinutes: number): number {
  if (sessionMinutes <= 0 || minutes <= 0) return 0;
  if (minutes >= sessionMinutes - GRACE_MINUTES) return offer.hundredths;
  if (!offer.allowsPartial) return 0;
  const raw = (offer.hundredths * minutes) / sessionMinutes;
  return Math.min(offer.hundredths, Math.floor(raw / offer.stepHundredths) * offer.stepHundredths);
}

export interface EarnedLine {
  sessionId: number;
  sessionTitle: string;
  startsAt: Date;
  minutes: number;
  sessionMinutes: number;
  jurisdiction: string;
  jurisdictionCode: string;
  category: string;
  courseNumber: string;
  hundredths: number;
  offered: number;
}

/** What each member earned in one seminar, per session and category (only lines with credit offered). */
export function earnedInSeminar(seminarId: number, userId?: number, tx: DB = db()): Map<number, EarnedLine[]> {
  const sessions = new Map(seminarSessionsOf(seminarId, tx).map((s) => [s.id, s]));
  const offers = creditsOffered(seminarId, tx);
  const out = new Map<number, EarnedLine[]>();
  for (const f of attendanceFacts(seminarId, userId, tx)) {
    const s = sessions.get(f.sessionId);
    if (!s) continue;
    const minutes = minutesAttended(f, s);
    for (const o of offers.filter((o) => o.sessionId === f.sessionId)) {
      const lines = out.get(f.userId) ?? [];
      lines.push({
        sessionId: s.id,
        sessionTitle: s.title,
        startsAt: s.startsAt,
        minutes,
        sessionMinutes: s.minutes,
        jurisdiction: o.jurisdiction,
        jurisdictionCode: o.jurisdictionCode,
        category: o.category,
        courseNumber: o.courseNumber,
        hundredths: creditEarned(o, minutes, s.minutes),
        offered: o.hundredths,
      });
      out.set(f.userId, lines);
    }
  }
  return out;
}

export function memberIdsOf(seminarId: number, tx: DB = db()): Map<number, { name: string; email: string; role: string }> {
  const rows = tx.$client
    .prepare(
      `select u.id, u.name, u.email, m.role from memberships m join users u on u.id = m.user_id
        where m.seminar_id = ? and u.status = 'active' order by u.name`,
    )
    .all(seminarId) as { id: number; name: string; email: string; role: string }[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Staff correct a member's minutes at a session, with a reason kept in the audit log. */
export function correctAttendance(
  input: { seminarId: number; sessionId: number; userId: number; minutes: number; reason: string; actorId: number },
  afterChange?: (tx: DB) => void,
): boolean {
  return writeTransaction((tx) => {
    const s = tx.$client.prepare("select id from seminar_sessions where id = ? and seminar_id = ?").get(input.sessionId, input.seminarId);
    const m = tx.$client.prepare("select 1 from memberships where seminar_id = ? and user_id = ?").get(input.seminarId, input.userId);
    if (!s || !m) return false;
    const now = new Date();
    tx.insert(attendance)
      .values({ sessionId: input.sessionId, userId: input.userId, correctedMinutes: input.minutes, correctionReason: input.reason, updatedAt: now })
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.userId],
        set: { correctedMinutes: input.minutes, correctionReason: input.reason, updatedAt: now },
      })
      .run();
    audit(tx, {
      actorId: input.actorId,
      action: "attendance.corrected",
      subject: `session ${input.sessionId} member ${input.userId}`,
      details: { minutes: input.minutes, reason: input.reason },
    });
    afterChange?.(tx);
    return true;
  });
}

/** Minutes imported from a meeting platform's report (already matched to members and clipped to the session). */
export function recordImportedMinutes(input: { seminarId: number; sessionId: number; minutesByUser: Map<number, number>; actorId: number }) {
  writeTransaction((tx) => {
    const now = new Date();
    for (const [userId, minutes] of input.minutesByUser) {
      tx.insert(attendance)
        .values({ sessionId: input.sessionId, userId, importedMinutes: minutes, updatedAt: now })
        .onConflictDoUpdate({ target: [attendance.sessionId, attendance.userId], set: { importedMinutes: minutes, updatedAt: now } })
        .run();
    }
    audit(tx, {
      actorId: input.actorId,
      action: "attendance.imported",
      subject: `session ${input.sessionId}`,
      details: { members: input.minutesByUser.size },
    });
  });
}

// ---------------------------------------------------------------- bar numbers chosen for certificates

export function barAdmissionsOf(userId: number, tx: DB = db()) {
  const rows = tx.$client
    .prepare(
      `select b.id, b.jurisdiction, b.bar_number as barNumber,
              exists(select 1 from certificate_bar_choices c where c.user_id = b.user_id and c.bar_admission_id = b.id) as chosen
         from bar_admissions b where b.user_id = ? order by b.position, b.id`,
    )
    .all(userId) as { id: number; jurisdiction: string; barNumber: string; chosen: number }[];
  return rows.map((r) => ({ ...r, chosen: Boolean(r.chosen) }));
}

export function chooseBarNumbers(userId: number, ids: number[]) {
  writeTransaction((tx) => {
    const own = new Set(barAdmissionsOf(userId, tx).map((b) => b.id));
    tx.delete(certificateBarChoices).where(eq(certificateBarChoices.userId, userId)).run();
    for (const id of ids.filter((i) => own.has(i))) tx.insert(certificateBarChoices).values({ userId, barAdmissionId: id }).run();
  });
}

export { attendanceCodes, certificates };
