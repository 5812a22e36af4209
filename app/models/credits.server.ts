// Issue #17: CLE credits offered per session (per jurisdiction's categories) and what each attendee earned from the
// attendance the portal knows of. Configuration lives in credit-config, attendance proof in credit-attendance, the
// member's ledger in credit-ledger, certificates in certificates.server.
import { eq } from "drizzle-orm";
import { sessionCredits } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";
import { formatCredits } from "~/utils/credits";

export { formatCredits };

/** Joining late or leaving early by up to this much still counts as attending the whole session. */
export const GRACE_MINUTES = 5;
const MINUTE = 60_000;

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

const FACT_COLUMNS = `a.session_id as sessionId, a.user_id as userId, a.imported_minutes as importedMinutes,
    a.corrected_minutes as correctedMinutes, a.correction_reason as correctionReason,
    (select count(*) from attendance_code_uses u join attendance_codes c on c.id = u.code_id
      where c.session_id = a.session_id and u.user_id = a.user_id) as codesEntered,
    (select count(*) from attendance_codes c where c.session_id = a.session_id) as codesShown`;

/**
 * Every attendance fact of one seminar (optionally one member): one query. For one member it is a lookup per
 * session by the attendance key, not a scan of the whole seminar's attendance (the ledger asks per seminar).
 */
export function attendanceFacts(seminarId: number, userId?: number, tx: DB = db()): AttendanceFact[] {
  const from = "from seminar_sessions s join attendance a on a.session_id = s.id where s.seminar_id = ?";
  if (userId === undefined) return tx.$client.prepare(`select ${FACT_COLUMNS} ${from}`).all(seminarId) as AttendanceFact[];
  return tx.$client.prepare(`select ${FACT_COLUMNS} ${from} and a.user_id = ?`).all(seminarId, userId) as AttendanceFact[];
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
  jurisdictionId: number;
  jurisdiction: string;
  jurisdictionCode: string;
  categoryId: number;
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
        jurisdictionId: o.jurisdictionId,
        jurisdiction: o.jurisdiction,
        jurisdictionCode: o.jurisdictionCode,
        categoryId: o.categoryId,
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

