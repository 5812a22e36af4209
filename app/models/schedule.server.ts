// A seminar's schedule (sessions) and the calendar feeds built from it: one per seminar, and a personal
// subscription covering all of a member's seminars behind a secret, revocable token.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { calendarTokens, memberships, seminarSessions, seminars, users } from "../../db/schema";
import { buildCalendar, type CalendarEvent } from "~/services/ical.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { recordActivity } from "./activity.server";
import { db, prepared, writeTransaction } from "./db.server";
import type { Seminar } from "./seminar.server";

export type SessionRow = typeof seminarSessions.$inferSelect;

export interface SessionInput {
  title: string;
  startsAt: Date;
  endsAt: Date;
  speaker: string;
  room: string;
  meetingUrl: string;
  description: string;
}

export function listSessions({ seminarId }: { seminarId: number }): SessionRow[] {
  return db()
    .select()
    .from(seminarSessions)
    .where(eq(seminarSessions.seminarId, seminarId))
    .orderBy(asc(seminarSessions.startsAt), asc(seminarSessions.id))
    .limit(500)
    .all();
}

/** A session of this seminar, or undefined (an id from another seminar finds nothing). */
export function getSession({ seminarId, sessionId }: { seminarId: number; sessionId: number }): SessionRow | undefined {
  return db()
    .select()
    .from(seminarSessions)
    .where(and(eq(seminarSessions.seminarId, seminarId), eq(seminarSessions.id, sessionId)))
    .get();
}

/** The session running now or next (null when the schedule is over or empty). */
export function nextSession({ seminarId, now = new Date() }: { seminarId: number; now?: Date }): SessionRow | null {
  // On every seminar home: prepared once (issue #9).
  return (
    prepared("schedule.nextSession", (d) =>
      d
        .select()
        .from(seminarSessions)
        .where(and(eq(seminarSessions.seminarId, sql.placeholder("seminarId")), gt(seminarSessions.endsAt, sql.placeholder("now"))))
        .orderBy(asc(seminarSessions.startsAt))
        .limit(1)
        .prepare(),
    ).get({ seminarId, now: now.getTime() }) ?? null
  );
}

export function createSession({ seminar, input, actorId }: { seminar: Seminar; input: SessionInput; actorId: number }) {
  return writeTransaction((tx) => {
    const row = tx
      .insert(seminarSessions)
      .values({ seminarId: seminar.id, ...input })
      .returning()
      .get();
    recordActivity(tx, {
      seminarId: seminar.id,
      actorId,
      kind: "session",
      summary: `Added to the schedule: ${input.title}`,
      href: `/s/${seminar.slug}/schedule#session-${row.id}`,
    });
    return row;
  });
}

export function updateSession({ seminarId, sessionId, input }: { seminarId: number; sessionId: number; input: SessionInput }) {
  return writeTransaction((tx) =>
    tx
      .update(seminarSessions)
      .set({ ...input, sequence: sql`${seminarSessions.sequence} + 1`, updatedAt: new Date() })
      .where(and(eq(seminarSessions.seminarId, seminarId), eq(seminarSessions.id, sessionId)))
      .returning()
      .get(),
  );
}

export function deleteSession({ seminarId, sessionId }: { seminarId: number; sessionId: number }): boolean {
  return writeTransaction(
    (tx) =>
      tx
        .delete(seminarSessions)
        .where(and(eq(seminarSessions.seminarId, seminarId), eq(seminarSessions.id, sessionId)))
        .run().changes > 0,
  );
}

// --- calendar feeds ----------------------------------------------------------------------------------------

function uidHost(): string {
  return new URL(env().APP_URL).hostname || "colloquy.localhost";
}

function seminarLocation(s: Pick<Seminar, "venue" | "meetingUrl">, room = "", meetingUrl = ""): string {
  return [room, s.venue, meetingUrl || s.meetingUrl].filter(Boolean).join(" · ");
}

/** Events of one seminar: its sessions, or the seminar itself while it has no schedule yet. */
function eventsFor(seminar: Seminar, sessions: SessionRow[]): CalendarEvent[] {
  const site = `${env().APP_URL}/s/${seminar.slug}`;
  if (!sessions.length) {
    return [
      {
        uid: `seminar-${seminar.id}@${uidHost()}`,
        sequence: 0,
        title: seminar.title,
        startsAt: seminar.startsAt,
        endsAt: seminar.endsAt,
        description: [seminar.summary, site].filter(Boolean).join("\n\n"),
        location: seminarLocation(seminar),
        url: site,
        created: seminar.createdAt,
      },
    ];
  }
  return sessions.map((s) => ({
    uid: `session-${s.id}@${uidHost()}`,
    sequence: s.sequence,
    title: `${s.title} · ${seminar.title}`,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    description: [s.speaker ? `Speaker: ${s.speaker}` : "", s.description, `${site}/schedule`].filter(Boolean).join("\n\n"),
    location: seminarLocation(seminar, s.room, s.meetingUrl),
    url: `${site}/schedule`,
    created: s.createdAt,
    lastModified: s.updatedAt,
  }));
}

export function seminarCalendar({ seminar }: { seminar: Seminar }): string {
  return buildCalendar({
    name: seminar.title,
    description: seminar.summary,
    events: eventsFor(seminar, listSessions({ seminarId: seminar.id })),
    refreshHours: 6,
  });
}

/** All seminars the member currently belongs to (removal takes them out of the feed at the next refresh). */
export function personalCalendar({ userId, userName }: { userId: number; userName: string }): string {
  const mine = db()
    .select({ seminar: seminars })
    .from(memberships)
    .innerJoin(seminars, eq(seminars.id, memberships.seminarId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(seminars.startsAt))
    .limit(500)
    .all()
    .map((r) => r.seminar);
  const sessions = mine.length
    ? db()
        .select()
        .from(seminarSessions)
        .where(inArray(seminarSessions.seminarId, mine.map((s) => s.id)))
        .orderBy(asc(seminarSessions.startsAt))
        .all()
    : [];
  const events = mine.flatMap((s) => eventsFor(s, sessions.filter((x) => x.seminarId === s.id)));
  return buildCalendar({ name: `Colloquy seminars · ${userName}`, events, refreshHours: 6 });
}

export interface CalendarTokenInfo {
  createdAt: Date;
  lastUsedAt: Date | null;
}

export function calendarTokenInfo({ userId }: { userId: number }): CalendarTokenInfo | null {
  return (
    db()
      .select({ createdAt: calendarTokens.createdAt, lastUsedAt: calendarTokens.lastUsedAt })
      .from(calendarTokens)
      .where(eq(calendarTokens.userId, userId))
      .get() ?? null
  );
}

/** Creates (or replaces) the member's subscription token; the old link stops working. Returns the new secret. */
export function rotateCalendarToken({ userId }: { userId: number }): string {
  const token = randomToken(32);
  writeTransaction((tx) => {
    tx.delete(calendarTokens).where(eq(calendarTokens.userId, userId)).run();
    tx.insert(calendarTokens).values({ userId, tokenHash: sha256Hex(token) }).run();
  });
  return token;
}

export function revokeCalendarToken({ userId }: { userId: number }): void {
  writeTransaction((tx) => tx.delete(calendarTokens).where(eq(calendarTokens.userId, userId)).run());
}

/** The active member behind a subscription token, or null. Notes when the feed was last fetched. */
export function userForCalendarToken({ token }: { token: string }): { id: number; name: string } | null {
  if (!/^[A-Za-z0-9_-]{40,64}$/.test(token)) return null;
  const hash = sha256Hex(token);
  const row = db()
    .select({ id: users.id, name: users.name, status: users.status, lastUsedAt: calendarTokens.lastUsedAt })
    .from(calendarTokens)
    .innerJoin(users, eq(users.id, calendarTokens.userId))
    .where(eq(calendarTokens.tokenHash, hash))
    .get();
  if (!row || row.status !== "active") return null;
  const now = new Date();
  // Calendar apps poll often; one write an hour is plenty to show "last used".
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 3600_000) {
    writeTransaction((tx) =>
      tx.update(calendarTokens).set({ lastUsedAt: now }).where(eq(calendarTokens.tokenHash, hash)).run(),
    );
  }
  return { id: row.id, name: row.name };
}
