// Issue #17: certificates of attendance. A certificate is a frozen statement (what the PDF and the public
// verification page show); issuing again after a correction makes a new certificate with a new code and marks the
// old one "replaced", so nothing already handed to a regulator changes silently.
import { randomInt } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { certificateBarChoices, certificates, seminars } from "../../db/schema";
import { audit } from "./audit.server";
import { CODE_ALPHABET } from "./credit-attendance.server";
import { getProvider } from "./credit-config.server";
import { earnedInSeminar, memberIdsOf, type EarnedLine } from "./credits.server";
import { db, writeTransaction, type DB } from "./db.server";
import type { ItemSummary, KindHandler } from "./items.server";

export type Certificate = typeof certificates.$inferSelect;

export interface CertificateStatement {
  member: string;
  barNumbers: { jurisdiction: string; number: string }[];
  seminar: { title: string; startsAt: string; endsAt: string; timeZone: string };
  sessions: {
    title: string;
    startsAt: string;
    minutes: number;
    credits: { jurisdiction: string; category: string; credits: number; courseNumber: string }[];
  }[];
  totals: { jurisdiction: string; category: string; credits: number }[];
  institute: string;
  signatory: { name: string; title: string };
}

/** 16 characters from a 31-letter alphabet (about 79 bits): not guessable, still typeable from paper. */
export function newVerificationCode(): string {
  let out = "";
  for (let i = 0; i < 16; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

export const displayCode = (code: string) => code.replace(/(.{4})(?=.)/g, "$1-");

function statementFor(tx: DB, seminarId: number, userId: number, lines: EarnedLine[]): CertificateStatement | null {
  const earned = lines.filter((l) => l.hundredths > 0);
  if (!earned.length) return null;
  const s = tx.select().from(seminars).where(eq(seminars.id, seminarId)).get();
  const member = tx.$client.prepare("select name from users where id = ?").get(userId) as { name: string } | undefined;
  if (!s || !member) return null;
  const provider = getProvider();
  const sessions = new Map<number, CertificateStatement["sessions"][number]>();
  const totals = new Map<string, CertificateStatement["totals"][number]>();
  for (const l of earned) {
    const entry = sessions.get(l.sessionId) ?? { title: l.sessionTitle, startsAt: l.startsAt.toISOString(), minutes: l.minutes, credits: [] };
    entry.credits.push({ jurisdiction: l.jurisdiction, category: l.category, credits: l.hundredths, courseNumber: l.courseNumber });
    sessions.set(l.sessionId, entry);
    const key = `${l.jurisdiction}\u0000${l.category}`;
    const t = totals.get(key) ?? { jurisdiction: l.jurisdiction, category: l.category, credits: 0 };
    t.credits += l.hundredths;
    totals.set(key, t);
  }
  const jurisdictions = new Set(earned.map((l) => l.jurisdiction));
  const barNumbers = barAdmissionsOf(userId, tx)
    .filter((b) => b.chosen && b.barNumber.trim() !== "")
    .map((b) => ({ jurisdiction: b.jurisdiction, number: b.barNumber }));
  return {
    member: member.name,
    barNumbers: barNumbers.filter((b) => jurisdictions.has(b.jurisdiction)).concat(barNumbers.filter((b) => !jurisdictions.has(b.jurisdiction))),
    seminar: { title: s.title, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), timeZone: s.timeZone },
    sessions: [...sessions.values()],
    totals: [...totals.values()],
    institute: provider.instituteName,
    signatory: { name: provider.signatoryName, title: provider.signatoryTitle },
  };
}

export function currentCertificate(tx: DB, seminarId: number, userId: number): Certificate | undefined {
  return tx
    .select()
    .from(certificates)
    .where(and(eq(certificates.seminarId, seminarId), eq(certificates.userId, userId), eq(certificates.status, "valid")))
    .orderBy(desc(certificates.id))
    .get();
}

/**
 * Issues (or reissues) one member's certificate for a seminar inside `tx`. Returns the new certificate when one was
 * made; nothing when the member earned no credit or the valid certificate already states exactly this.
 */
export function issueCertificateIn(tx: DB, input: { seminarId: number; userId: number; actorId: number | null; lines?: EarnedLine[] }): Certificate | null {
  const lines = input.lines ?? earnedInSeminar(input.seminarId, input.userId, tx).get(input.userId) ?? [];
  const statement = statementFor(tx, input.seminarId, input.userId, lines);
  const existing = currentCertificate(tx, input.seminarId, input.userId);
  if (!statement) {
    // A correction left no credit: the certificate no longer holds and must not verify as valid.
    if (existing) {
      tx.update(certificates)
        .set({ status: "revoked", revokedAt: new Date(), revokedReason: "Attendance was corrected; no credit remains." })
        .where(eq(certificates.id, existing.id))
        .run();
      audit(tx, { actorId: input.actorId, action: "certificate.revoked", subject: `certificate ${existing.id}`, details: { reason: "corrected" } });
    }
    return null;
  }
  const text = JSON.stringify(statement);
  if (existing && existing.statement === text) return null;
  const created = tx
    .insert(certificates)
    .values({ code: newVerificationCode(), seminarId: input.seminarId, userId: input.userId, statement: text })
    .returning()
    .get();
  if (existing) tx.update(certificates).set({ status: "replaced", replacedById: created.id }).where(eq(certificates.id, existing.id)).run();
  audit(tx, {
    actorId: input.actorId,
    action: "certificate.issued",
    subject: `seminar ${input.seminarId} member ${input.userId}`,
    details: { certificateId: created.id, replaces: existing?.id ?? null },
  });
  return created;
}

/** After a seminar: certificates for every member who earned credit. `onIssued` runs in the transaction (notify). */
export function issueCertificates(input: { seminarId: number; actorId: number; onIssued?: (tx: DB, c: Certificate) => void }) {
  return writeTransaction((tx) => {
    const earned = earnedInSeminar(input.seminarId, undefined, tx);
    const members = memberIdsOf(input.seminarId, tx);
    let issued = 0;
    for (const [userId, lines] of earned) {
      if (!members.has(userId)) continue;
      const c = issueCertificateIn(tx, { seminarId: input.seminarId, userId, actorId: input.actorId, lines });
      if (c) {
        issued++;
        input.onIssued?.(tx, c);
      }
    }
    return issued;
  });
}

export function revokeCertificate(input: { seminarId: number; certificateId: number; reason: string; actorId: number }): boolean {
  return writeTransaction((tx) => {
    const c = tx
      .select()
      .from(certificates)
      .where(and(eq(certificates.id, input.certificateId), eq(certificates.seminarId, input.seminarId)))
      .get();
    if (!c || c.status === "revoked") return false;
    tx.update(certificates)
      .set({ status: "revoked", revokedAt: new Date(), revokedReason: input.reason })
      .where(eq(certificates.id, c.id))
      .run();
    audit(tx, { actorId: input.actorId, action: "certificate.revoked", subject: `certificate ${c.id}`, details: { reason: input.reason } });
    return true;
  });
}

/** The member's bar admissions, and whether each is one they chose to show on new certificates. */
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

export const parseStatement = (c: Certificate) => JSON.parse(c.statement) as CertificateStatement;

export function certificatesOfSeminar(seminarId: number) {
  return db().$client
    .prepare(
      `select c.id, c.code, c.status, c.issued_at as issuedAt, c.revoked_reason as revokedReason, c.user_id as userId, u.name
         from certificates c join users u on u.id = c.user_id where c.seminar_id = ? order by u.name, c.id desc`,
    )
    .all(seminarId) as { id: number; code: string; status: string; issuedAt: number; revokedReason: string | null; userId: number; name: string }[];
}

export function certificatesOfMember(userId: number) {
  return db().$client
    .prepare(
      `select c.id, c.code, c.status, c.issued_at as issuedAt, s.title, s.slug
         from certificates c join seminars s on s.id = c.seminar_id where c.user_id = ? order by c.issued_at desc, c.id desc`,
    )
    .all(userId) as { id: number; code: string; status: string; issuedAt: number; title: string; slug: string }[];
}

export function certificateForMember(id: number, userId: number): Certificate | undefined {
  return db()
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, id), eq(certificates.userId, userId)))
    .get();
}

/** For the public verification page: the certificate, and the code of the one that replaced it, if any. */
export function certificateByCode(code: string): { certificate: Certificate; replacedBy: string | null } | null {
  const c = db().select().from(certificates).where(eq(certificates.code, code)).get();
  if (!c) return null;
  const next = c.replacedById ? db().select({ code: certificates.code }).from(certificates).where(eq(certificates.id, c.replacedById)).get() : undefined;
  return { certificate: c, replacedBy: next?.code ?? null };
}

/** Spine kind "certificate": a certificate is its member's (and the institute's staff's), nobody else's. */
export const certificateKind: KindHandler = {
  visibleIds(viewer, ids) {
    if (!ids.length) return new Set();
    const rows = db().$client
      .prepare("select id from certificates where id in (select value from json_each(?)) and (? = 1 or user_id = ?)")
      .all(JSON.stringify(ids), viewer.role === "admin" ? 1 : 0, viewer.id) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  },
  summarize(ids) {
    const out = new Map<number, ItemSummary>();
    if (!ids.length) return out;
    const rows = db().$client
      .prepare(
        `select c.id, c.seminar_id as seminarId, s.title from certificates c join seminars s on s.id = c.seminar_id
          where c.id in (select value from json_each(?))`,
      )
      .all(JSON.stringify(ids)) as { id: number; seminarId: number; title: string }[];
    for (const r of rows) out.set(r.id, { title: `Certificate of attendance: ${r.title}`, href: `/credits#certificate-${r.id}`, seminarId: r.seminarId });
    return out;
  },
};
