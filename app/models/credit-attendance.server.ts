// Issue #17: proving attendance: codes an instructor reveals during a session (each counts once per member, only
// within its window), minutes imported from a meeting platform's report, and staff corrections with a reason.
import { randomInt } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { attendance, attendanceCodes, attendanceCodeUses } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const MINUTE = 60_000;

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
