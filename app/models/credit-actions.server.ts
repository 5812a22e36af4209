// Issue #17: the credit changes that tell or count something, wired to the spine. Kept apart from
// certificates.server.ts (which holds the "certificate" kind handler) so the kind registry never imports notify().
import { countActivity } from "./counts.server";
import { correctAttendance, enterAttendanceCode, type EnterCodeResult } from "./credit-attendance.server";
import { currentCertificate, issueCertificateIn, issueCertificates, type Certificate } from "./certificates.server";
import type { DB } from "./db.server";
import { notify } from "./notifications.server";

function tellMember(tx: DB, c: Certificate, seminarTitle: string, actorId: number | null, reissued: boolean) {
  notify(tx, {
    ref: { kind: "certificate", id: c.id },
    event: reissued ? "certificate.reissued" : "certificate.ready",
    actorId,
    recipients: [c.userId],
    topic: "credits",
    summary: reissued
      ? `Your certificate of attendance for “${seminarTitle}” was corrected and reissued with a new verification code.`
      : `Your certificate of attendance for “${seminarTitle}” is ready to download.`,
  });
}

/** A member enters an attendance code; each accepted code counts as "credit.claimed". */
export function claimAttendance(input: { seminarId: number; userId: number; code: string; now?: Date }): EnterCodeResult {
  return enterAttendanceCode({
    ...input,
    onClaimed: (tx) => countActivity(tx, { userId: input.userId, counter: "credit.claimed", seminarId: input.seminarId }),
  });
}

/** Staff issue the seminar's certificates; each member whose certificate is new or changed is told. */
export function issueSeminarCertificates(input: { seminarId: number; seminarTitle: string; actorId: number }): number {
  return issueCertificates({
    seminarId: input.seminarId,
    actorId: input.actorId,
    onIssued: (tx, c) => tellMember(tx, c, input.seminarTitle, input.actorId, c.statement !== "" && hadEarlier(tx, c)),
  });
}

function hadEarlier(tx: DB, c: Certificate): boolean {
  return Boolean(tx.$client.prepare("select 1 from certificates where replaced_by_id = ?").get(c.id));
}

/**
 * Staff correct a member's attendance. If the member already holds a certificate for this seminar, it is reissued
 * (new code, the old one marked replaced) in the same transaction, never changed in place.
 */
export function correctMemberAttendance(input: {
  seminarId: number;
  seminarTitle: string;
  sessionId: number;
  userId: number;
  minutes: number;
  reason: string;
  actorId: number;
}): { ok: boolean; reissued: boolean } {
  let reissued = false;
  const ok = correctAttendance(input, (tx) => {
    if (!currentCertificate(tx, input.seminarId, input.userId)) return;
    const c = issueCertificateIn(tx, { seminarId: input.seminarId, userId: input.userId, actorId: input.actorId });
    if (c) {
      reissued = true;
      tellMember(tx, c, input.seminarTitle, input.actorId, true);
    }
  });
  return { ok, reissued };
}
