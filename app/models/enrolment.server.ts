// Issue #16: enrolment, requests, the waitlist and its 48-hour offers, cancellation and direct enrolment by staff.
// An enrolment that succeeds is a `memberships` row (attendee), exactly what an accepted seminar invitation makes.
// Every change that decides a seat runs in one BEGIN IMMEDIATE transaction (writeTransaction): the seat count and the
// insert cannot interleave with another member's, so the last seat goes to exactly one of two racing members.
import { and, asc, eq, lte } from "drizzle-orm";
import { enrolments, memberships, seminars, users, type EnrolmentStatus } from "../../db/schema";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { OFFER_HOURS } from "~/utils/catalogue";
import { formatDateRange } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { dateTimeFormat } from "~/utils/intl";
import type { KindHandler } from "./items.server";
import { notify } from "./notifications.server";
import { db, writeTransaction, type DB } from "./db.server";
import type { Seminar } from "./seminar.server";

export type EnrolmentRow = typeof enrolments.$inferSelect;

export type EnrolResult =
  | { ok: true; status: "enrolled" | "requested" | "waitlisted" | "already" }
  | { ok: false; reason: "not-found" | "closed" | "started"; message: string };

const HOUR = 3600_000;

/** Seats held: attendees plus open waitlist offers (an offered seat is reserved until it is taken or lapses). */
function seatsTaken(tx: DB, seminarId: number): number {
  const r = tx.$client
    .prepare(
      `select (select count(*) from memberships where seminar_id = ? and role = 'attendee')
            + (select count(*) from enrolments where seminar_id = ? and status = 'offered') as n`
    )
    .get(seminarId, seminarId) as { n: number };
  return r.n;
}

export function hasFreeSeat(tx: DB, s: Seminar): boolean {
  return s.capacity == null || seatsTaken(tx, s.id) < s.capacity;
}

/** Until when an attendee may cancel (the deadline set by staff, before the start). */
export function cancelDeadline(s: Pick<Seminar, "startsAt" | "cancelHoursBefore">): Date {
  return new Date(s.startsAt.getTime() - s.cancelHoursBefore * HOUR);
}

export function getEnrolment({ seminarId, userId }: { seminarId: number; userId: number }): EnrolmentRow | undefined {
  return db()
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
    .get();
}

export function setStatus(tx: DB, seminarId: number, userId: number, status: EnrolmentStatus, extra: Partial<EnrolmentRow> = {}) {
  const now = new Date();
  tx.insert(enrolments)
    .values({ seminarId, userId, status, updatedAt: now, ...extra })
    .onConflictDoUpdate({
      target: [enrolments.seminarId, enrolments.userId],
      set: { status, updatedAt: now, offerExpiresAt: null, ...extra },
    })
    .run();
}

export function joinAsAttendee(tx: DB, seminarId: number, userId: number) {
  // The same row an accepted seminar invitation makes; an instructor stays an instructor.
  tx.insert(memberships).values({ seminarId, userId, role: "attendee" }).onConflictDoNothing().run();
}

const whenText = (s: Seminar) => formatDateRange(s.startsAt.toISOString(), s.endsAt.toISOString(), s.timeZone);
const stamp = (d: Date, timeZone: string) =>
  dateTimeFormat("en-US", {
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(d);
const catalogueLink = (s: Seminar) => `${env().APP_URL}/catalogue/${encodeURIComponent(s.slug)}`;

export function userRow(tx: DB, userId: number) {
  return tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      status: users.status,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

export function mailConfirmed(tx: DB, s: Seminar, userId: number, approved: boolean) {
  const u = userRow(tx, userId);
  if (!u || u.status !== "active") return;
  const deadline = cancelDeadline(s);
  const mail = renderEmail("enrolment-confirmed", {
    name: u.name,
    seminar: s.title,
    when: whenText(s),
    link: `${env().APP_URL}/s/${encodeURIComponent(s.slug)}`,
    approved: approved ? "yes" : "",
    cancelBy: deadline.getTime() > Date.now() ? stamp(deadline, s.timeZone) : "",
  });
  enqueueMail(tx, { to: u.email, ...mail, kind: "enrolment" });
}

/**
 * A member asks to join from the catalogue. Open seminars enrol at once while seats are free and put the member on
 * the waitlist when full; by-request seminars record a request. Invitation-only seminars answer exactly like a
 * seminar that does not exist, whatever a hand-made form posts.
 */
export function enrol({ seminarId, userId, now = new Date() }: { seminarId: number; userId: number; now?: Date }): EnrolResult {
  return writeTransaction((tx) => {
    const s = tx.select().from(seminars).where(eq(seminars.id, seminarId)).get();
    if (!s || s.enrolmentPolicy === "invitation") return { ok: false, reason: "not-found", message: "No such seminar." };
    const member = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
      .get();
    if (member) return { ok: true, status: "already" };
    if (now >= s.startsAt)
      return {
        ok: false,
        reason: "started",
        message: "This seminar has started; enrolment is closed.",
      };
    const existing = tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
      .get();
    if (existing && ["requested", "waitlisted", "offered"].includes(existing.status)) return { ok: true, status: "already" };
    if (s.enrolmentPolicy === "request") {
      setStatus(tx, seminarId, userId, "requested", {
        queuedAt: now,
        decidedById: null,
      });
      tellInstructors(tx, s, userId);
      return { ok: true, status: "requested" };
    }
    if (hasFreeSeat(tx, s)) {
      joinAsAttendee(tx, seminarId, userId);
      setStatus(tx, seminarId, userId, "enrolled", {
        queuedAt: null,
        decidedById: null,
      });
      mailConfirmed(tx, s, userId, false);
      return { ok: true, status: "enrolled" };
    }
    setStatus(tx, seminarId, userId, "waitlisted", {
      queuedAt: now,
      decidedById: null,
    });
    return { ok: true, status: "waitlisted" };
  });
}

/**
 * Offers free seats to the waitlist in order (first come, first served), each held for 48 hours, with a mail in the
 * same transaction. Safe to run any number of times: it only ever fills seats that are free.
 */
export function offerFreeSeats(tx: DB, s: Seminar, now = new Date()): number {
  if (now >= s.startsAt) return 0;
  let offered = 0;
  while (s.capacity == null || seatsTaken(tx, s.id) < s.capacity) {
    const next = tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.seminarId, s.id), eq(enrolments.status, "waitlisted")))
      .orderBy(asc(enrolments.queuedAt), asc(enrolments.id))
      .limit(1)
      .get();
    if (!next) break;
    const u = userRow(tx, next.userId);
    if (!u || u.status !== "active") {
      setStatus(tx, s.id, next.userId, "cancelled");
      continue;
    }
    // Joined meanwhile another way (an invitation, staff): they hold a seat already and leave the list.
    const member = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.seminarId, s.id), eq(memberships.userId, next.userId)))
      .get();
    if (member) {
      setStatus(tx, s.id, next.userId, "enrolled", { queuedAt: null });
      continue;
    }
    // The offer never outlasts the start of the seminar.
    const expires = new Date(Math.min(now.getTime() + OFFER_HOURS * HOUR, s.startsAt.getTime()));
    setStatus(tx, s.id, next.userId, "offered", { offerExpiresAt: expires });
    const mail = renderEmail("seat-offer", {
      name: u.name,
      seminar: s.title,
      when: whenText(s),
      expires: stamp(expires, s.timeZone),
      link: catalogueLink(s),
    });
    enqueueMail(tx, { to: u.email, ...mail, kind: "seat-offer" });
    offered++;
  }
  return offered;
}

/** The member takes the seat offered to them (before the offer lapses). */
export function acceptOffer({ seminarId, userId, now = new Date() }: { seminarId: number; userId: number; now?: Date }): boolean {
  return writeTransaction((tx) => {
    const e = tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
      .get();
    if (!e || e.status !== "offered" || !e.offerExpiresAt || e.offerExpiresAt <= now) return false;
    const s = tx.select().from(seminars).where(eq(seminars.id, seminarId)).get()!;
    joinAsAttendee(tx, seminarId, userId);
    setStatus(tx, seminarId, userId, "enrolled", { queuedAt: null });
    mailConfirmed(tx, s, userId, false);
    return true;
  });
}

export type CancelResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * The member leaves: an attendee before the cancellation deadline, or anyone from the request list or the waitlist
 * (declining an offer too). A freed seat is offered to the waitlist in the same transaction.
 */
export function cancelEnrolment({ seminarId, userId, now = new Date() }: { seminarId: number; userId: number; now?: Date }): CancelResult {
  return writeTransaction((tx) => {
    const s = tx.select().from(seminars).where(eq(seminars.id, seminarId)).get();
    if (!s) return { ok: false, message: "No such seminar." };
    const member = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
      .get();
    if (member?.role === "instructor")
      return {
        ok: false,
        message: "Instructors cannot cancel here; ask the institute's staff.",
      };
    if (member) {
      if (now >= cancelDeadline(s)) {
        return {
          ok: false,
          message: "The cancellation deadline has passed. Please contact the institute's staff.",
        };
      }
      tx.delete(memberships)
        .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
        .run();
      setStatus(tx, seminarId, userId, "cancelled", { queuedAt: null });
      offerFreeSeats(tx, s, now);
      return {
        ok: true,
        message: "Your enrolment is cancelled. Your seat goes to the next person on the waitlist.",
      };
    }
    const e = tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
      .get();
    if (!e || !["requested", "waitlisted", "offered"].includes(e.status))
      return { ok: false, message: "You are not enrolled in this seminar." };
    setStatus(tx, seminarId, userId, "cancelled", { queuedAt: null });
    if (e.status === "offered") offerFreeSeats(tx, s, now);
    const message =
      e.status === "requested"
        ? "Your request is withdrawn."
        : e.status === "offered"
        ? "You let the seat go; it is offered to the next person."
        : "You left the waitlist.";
    return { ok: true, message };
  });
}

/**
 * Lapsed offers move on: each is marked expired (with a mail) and its seat offered to the next person. Runs from a
 * periodic task; idempotent (a row is only moved from "offered" once), so a restart simply catches up.
 * Also fills seats freed in other ways (capacity raised, a member removed by staff).
 */
export function expireOffersAndFillSeats({ now = new Date() }: { now?: Date } = {}): { expired: number; offered: number } {
  // Runs every few seconds: a read first, and the write lock only when there is something to do.
  const pending = db()
    .$client.prepare(
      `select exists (select 1 from enrolments where status = 'offered' and offer_expires_at <= @now)
           or exists (select 1 from enrolments e join seminars s on s.id = e.seminar_id
                      where e.status = 'waitlisted' and s.starts_at > @now
                        and (s.capacity is null or s.capacity > (select count(*) from memberships m where m.seminar_id = s.id and m.role = 'attendee')
                                                            + (select count(*) from enrolments o where o.seminar_id = s.id and o.status = 'offered'))) as due`
    )
    .get({ now: now.getTime() }) as { due: number };
  if (!pending.due) return { expired: 0, offered: 0 };
  return writeTransaction((tx) => {
    const lapsed = tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.status, "offered"), lte(enrolments.offerExpiresAt, now)))
      .limit(500)
      .all();
    const touched = new Set<number>();
    for (const e of lapsed) {
      setStatus(tx, e.seminarId, e.userId, "expired", { queuedAt: null });
      touched.add(e.seminarId);
      const s = tx.select().from(seminars).where(eq(seminars.id, e.seminarId)).get()!;
      const u = userRow(tx, e.userId);
      if (u?.status === "active") {
        const mail = renderEmail("seat-offer-expired", {
          name: u.name,
          seminar: s.title,
          link: catalogueLink(s),
        });
        enqueueMail(tx, { to: u.email, ...mail, kind: "seat-offer" });
      }
    }
    // Seminars with a waitlist that may have free seats (bounded: upcoming ones only).
    const waiting = tx.$client
      .prepare(
        `select distinct e.seminar_id as id from enrolments e join seminars s on s.id = e.seminar_id
         where e.status = 'waitlisted' and s.starts_at > ? limit 200`
      )
      .all(now.getTime()) as { id: number }[];
    for (const w of waiting) touched.add(w.id);
    let offered = 0;
    for (const id of touched) {
      const s = tx.select().from(seminars).where(eq(seminars.id, id)).get();
      if (s) offered += offerFreeSeats(tx, s, now);
    }
    return { expired: lapsed.length, offered };
  });
}

export function waitlistPosition({ seminarId, userId }: { seminarId: number; userId: number }): number {
  const r = db()
    .$client.prepare(
      `select count(*) as n from enrolments o, enrolments me
       where me.seminar_id = @s and me.user_id = @u and o.seminar_id = @s and o.status = 'waitlisted'
         and (o.queued_at < me.queued_at or (o.queued_at = me.queued_at and o.id <= me.id))`
    )
    .get({ s: seminarId, u: userId }) as { n: number };
  return r.n;
}

/** The seminar's instructors (or, without any, the staff) hear of a request through their "enrolments" choice. */
function tellInstructors(tx: DB, s: Seminar, userId: number) {
  const row = tx.select({ id: enrolments.id }).from(enrolments).where(and(eq(enrolments.seminarId, s.id), eq(enrolments.userId, userId))).get();
  const who = tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get();
  if (!row || !who) return;
  let recipients = tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.seminarId, s.id), eq(memberships.role, "instructor")))
    .all()
    .map((r) => r.id);
  if (recipients.length === 0) recipients = tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.status, "active"))).all().map((r) => r.id);
  notify(tx, {
    ref: { kind: "enrolment", id: row.id },
    event: "enrolment.requested",
    actorId: userId,
    recipients,
    topic: "enrolments",
    summary: `${who.name} asked to join “${s.title}”`,
  });
}

/** An enrolment is seen by its member, the seminar's instructors and the staff; it leads to the enrolment page. */
export const enrolmentKind: KindHandler = {
  visibleIds(viewer, ids) {
    const rows = db()
      .$client.prepare(
        `select e.id, e.user_id as userId, m.role from enrolments e
         left join memberships m on m.seminar_id = e.seminar_id and m.user_id = ?
         where e.id in (select value from json_each(?))`,
      )
      .all(viewer.id, JSON.stringify(ids)) as { id: number; userId: number; role: string | null }[];
    return new Set(rows.filter((r) => viewer.role === "admin" || r.userId === viewer.id || r.role === "instructor").map((r) => r.id));
  },
  summarize(ids) {
    const rows = db()
      .$client.prepare(
        `select e.id, e.seminar_id as seminarId, s.slug, s.title from enrolments e join seminars s on s.id = e.seminar_id
         where e.id in (select value from json_each(?))`,
      )
      .all(JSON.stringify(ids)) as { id: number; seminarId: number; slug: string; title: string }[];
    return new Map(rows.map((r) => [r.id, { title: `Enrolment in ${r.title}`, href: `/s/${r.slug}/enrolment`, seminarId: r.seminarId }]));
  },
};
