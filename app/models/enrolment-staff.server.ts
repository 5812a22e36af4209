// Issue #16: enrolment as instructors and staff handle it: the overview of requests, waitlist and cancellations,
// approving or declining a request, and enrolling a member directly. Seat decisions run in writeTransaction.
import { and, asc, eq, sql } from "drizzle-orm";
import { enrolments, memberships, seminars, users, type EnrolmentStatus } from "../../db/schema";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { env } from "~/utils/env.server";
import { audit } from "./audit.server";
import { db, writeTransaction } from "./db.server";
import { normalizeEmail } from "./user.server";
import { type CancelResult, enrol, hasFreeSeat, joinAsAttendee, mailConfirmed, setStatus, userRow } from "./enrolment.server";

// --- staff and instructors ---------------------------------------------------------------------------------------

export interface EnrolmentListing {
  userId: number;
  name: string;
  email: string;
  status: EnrolmentStatus;
  queuedAt: string | null;
  offerExpiresAt: string | null;
  updatedAt: string;
}

/** Requests, the waitlist (in order, offers first) and recent cancellations of one seminar. */
export function enrolmentOverview({ seminarId }: { seminarId: number }) {
  const rows = db()
    .select({
      userId: enrolments.userId,
      name: users.name,
      email: users.email,
      status: enrolments.status,
      queuedAt: enrolments.queuedAt,
      offerExpiresAt: enrolments.offerExpiresAt,
      updatedAt: enrolments.updatedAt,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(enrolments.seminarId, seminarId))
    .orderBy(asc(enrolments.queuedAt), asc(enrolments.id))
    .limit(2000)
    .all()
    .map(
      (r): EnrolmentListing => ({
        ...r,
        queuedAt: r.queuedAt?.toISOString() ?? null,
        offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
        updatedAt: r.updatedAt.toISOString(),
      })
    );
  const attendees =
    db()
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.role, "attendee")))
      .get()?.n ?? 0;
  return {
    attendees,
    requests: rows.filter((r) => r.status === "requested"),
    waitlist: [...rows.filter((r) => r.status === "offered"), ...rows.filter((r) => r.status === "waitlisted")],
    cancellations: rows
      .filter((r) => r.status === "cancelled" || r.status === "expired" || r.status === "declined")
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, 100),
  };
}

/** An instructor or staff member approves a request: enrolled when a seat is free, else first in line on the waitlist. */
export function approveRequest({ seminarId, userId, actorId }: { seminarId: number; userId: number; actorId: number }): CancelResult {
  return writeTransaction((tx) => {
    const e = tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
      .get();
    if (!e || e.status !== "requested") return { ok: false, message: "That request is no longer open." };
    const s = tx.select().from(seminars).where(eq(seminars.id, seminarId)).get()!;
    const u = userRow(tx, userId)!;
    if (hasFreeSeat(tx, s)) {
      joinAsAttendee(tx, seminarId, userId);
      setStatus(tx, seminarId, userId, "enrolled", {
        queuedAt: null,
        decidedById: actorId,
      });
      mailConfirmed(tx, s, userId, true);
      audit(tx, {
        actorId,
        action: "user.seminar-role-changed",
        subject: u.email,
        details: { seminarId, from: null, to: "attendee", via: "request" },
      });
      return { ok: true, message: `${u.name} is enrolled.` };
    }
    // Approved but full: they keep their place in the order they asked.
    setStatus(tx, seminarId, userId, "waitlisted", {
      queuedAt: e.queuedAt ?? new Date(),
      decidedById: actorId,
    });
    return {
      ok: true,
      message: `The seminar is full: ${u.name} is on the waitlist and will be offered the next free seat.`,
    };
  });
}

export function declineRequest({ seminarId, userId, actorId }: { seminarId: number; userId: number; actorId: number }): CancelResult {
  return writeTransaction((tx) => {
    const e = tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
      .get();
    if (!e || e.status !== "requested") return { ok: false, message: "That request is no longer open." };
    const s = tx.select().from(seminars).where(eq(seminars.id, seminarId)).get()!;
    const u = userRow(tx, userId)!;
    setStatus(tx, seminarId, userId, "declined", {
      queuedAt: null,
      decidedById: actorId,
    });
    if (u.status === "active") {
      const mail = renderEmail("enrolment-declined", {
        name: u.name,
        seminar: s.title,
        link: `${env().APP_URL}/catalogue`,
      });
      enqueueMail(tx, { to: u.email, ...mail, kind: "enrolment" });
    }
    return { ok: true, message: `${u.name}'s request was declined.` };
  });
}

/** Staff or instructors enrol a member directly, whatever the policy and capacity (their decision). */
export function enrolDirectly({
  seminarId,
  email,
  actorId,
}: {
  seminarId: number;
  email: string;
  actorId: number;
}): { ok: true; message: string } | { ok: false; error: string } {
  return writeTransaction((tx) => {
    const u = tx
      .select()
      .from(users)
      .where(eq(users.email, normalizeEmail(email)))
      .get();
    if (!u || u.status !== "active") {
      return {
        ok: false as const,
        error: "No active member has this address. People new to the network need an invitation first.",
      };
    }
    const member = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, u.id)))
      .get();
    if (member)
      return {
        ok: false as const,
        error: `${u.name} is already in this seminar (${member.role}).`,
      };
    const s = tx.select().from(seminars).where(eq(seminars.id, seminarId)).get()!;
    joinAsAttendee(tx, seminarId, u.id);
    setStatus(tx, seminarId, u.id, "enrolled", {
      queuedAt: null,
      decidedById: actorId,
    });
    mailConfirmed(tx, s, u.id, false);
    audit(tx, {
      actorId,
      action: "user.seminar-role-changed",
      subject: u.email,
      details: { seminarId, from: null, to: "attendee", via: "direct" },
    });
    return { ok: true as const, message: `${u.name} is enrolled.` };
  });
}

/** 1 for the first person on the waitlist. */
