import { and, asc, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import {
  memberships,
  seminars,
  seminarSessions,
  surveyQuestions,
  surveys,
  users,
  wikiPages,
  wikiRevisions,
} from "../../db/schema";
import { tryRenderMarkdown } from "~/services/markdown.server";
import { env } from "~/utils/env.server";
import { utcToWallTime, wallTimeToUtc } from "~/utils/zoned-time";
import { db, prepared, writeTransaction, type DB } from "./db.server";

export type Seminar = typeof seminars.$inferSelect;
export type SeminarPhase = "upcoming" | "in-progress" | "alumni";

export interface SeminarAccess {
  seminar: Seminar;
  /** The viewer's role in the seminar; null for an admin who is not a member. */
  role: "instructor" | "attendee" | null;
  canManage: boolean;
  phase: SeminarPhase;
}

export function seminarPhase(s: Pick<Seminar, "startsAt" | "endsAt">, now = new Date()): SeminarPhase {
  if (now < s.startsAt) return "upcoming";
  if (now <= s.endsAt) return "in-progress";
  return "alumni";
}

/** The seminar behind a slug as seen by this user, or null when it does not exist or they may not see it. */
export function getSeminarForMember({
  slug,
  userId,
  isAdmin,
}: {
  slug: string;
  userId: number;
  isAdmin: boolean;
}): SeminarAccess | null {
  // On every seminar page (often twice: the frame and the section): prepared once (issue #9).
  const row = prepared("seminar.getSeminarForMember", (d) =>
    d
      .select({ seminar: seminars, role: memberships.role })
      .from(seminars)
      .leftJoin(memberships, and(eq(memberships.seminarId, seminars.id), eq(memberships.userId, sql.placeholder("userId"))))
      .where(eq(seminars.slug, sql.placeholder("slug")))
      .prepare(),
  ).get({ slug, userId });
  if (!row) return null;
  if (!row.role && !isAdmin) return null;
  return {
    seminar: row.seminar,
    role: row.role ?? null,
    canManage: isAdmin || row.role === "instructor",
    phase: seminarPhase(row.seminar),
  };
}

export function listSeminarsForUser({ userId }: { userId: number }) {
  return db()
    .select({ seminar: seminars, role: memberships.role })
    .from(memberships)
    .innerJoin(seminars, eq(seminars.id, memberships.seminarId))
    .where(eq(memberships.userId, userId))
    .all()
    .map((r) => ({ ...r, phase: seminarPhase(r.seminar) }));
}

// --- administration (issue #5) ---------------------------------------------------------------------------------

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EMAIL_RE = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** The seminar form's fields once they passed the form schema (app/routes/admin.seminars._index/seminar-form.server.ts). */
export interface SeminarFields {
  title: string;
  slug: string;
  summary: string;
  descriptionMd: string;
  welcomeMd: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  meetingUrl: string;
  capacity: string;
  instructors: string;
}

export type SeminarFormValues = Record<keyof SeminarFields, string>;

export interface SeminarInput {
  title: string;
  slug: string;
  summary: string;
  descriptionMd: string;
  descriptionHtml: string;
  welcomeMd: string;
  welcomeHtml: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  venue: string;
  meetingUrl: string;
  capacity: number | null;
  instructorIds: number[];
}

/**
 * The checks of a seminar form that need more than its fields (after the form schema): end after start in the chosen
 * zone, the markdown pipeline, the instructors' addresses and a free short address. Errors are keyed by field.
 */
export function checkSeminarInput(
  v: SeminarFields,
  { seminarId }: { seminarId?: number } = {},
): { ok: true; value: SeminarInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const startsAt = wallTimeToUtc(v.startsAt, v.timeZone);
  const endsAt = wallTimeToUtc(v.endsAt, v.timeZone);
  if (!startsAt) errors.startsAt = "Enter a date and time, e.g. 2027-03-14 09:00.";
  if (!endsAt) errors.endsAt = "Enter a date and time, e.g. 2027-03-14 17:00.";
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) errors.endsAt = "The end must come after the start.";
  const siteOrigin = env().APP_URL;
  const description = tryRenderMarkdown(v.descriptionMd, { siteOrigin });
  if (!description.ok) errors.descriptionMd = description.error;
  const welcome = tryRenderMarkdown(v.welcomeMd, { siteOrigin });
  if (!welcome.ok) errors.welcomeMd = welcome.error;

  const emails = [...new Set(v.instructors.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const badAddress = emails.find((e) => !EMAIL_RE.test(e));
  const instructorIds: number[] = [];
  if (badAddress) errors.instructors = `"${badAddress}" is not an email address.`;
  else if (emails.length > 50) errors.instructors = "Name at most 50 instructors.";
  else if (emails.length) {
    const found = db()
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(inArray(users.email, emails), eq(users.status, "active")))
      .all();
    const missing = emails.filter((e) => !found.some((f) => f.email === e));
    if (missing.length) {
      errors.instructors = `No active member has the address ${missing.join(", ")}. Invite them first, then name them here.`;
    } else instructorIds.push(...found.map((f) => f.id));
  }
  const taken = db().select({ id: seminars.id }).from(seminars).where(eq(seminars.slug, v.slug)).get();
  if (taken && taken.id !== seminarId) errors.slug = "Another seminar already uses this short address.";
  if (Object.keys(errors).length || !startsAt || !endsAt || !description.ok || !welcome.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: v.title,
      slug: v.slug,
      summary: v.summary,
      descriptionMd: v.descriptionMd,
      descriptionHtml: description.html,
      welcomeMd: v.welcomeMd,
      welcomeHtml: welcome.html,
      startsAt,
      endsAt,
      timeZone: v.timeZone,
      venue: v.venue,
      meetingUrl: v.meetingUrl,
      capacity: v.capacity ? Number(v.capacity) : null,
      instructorIds,
    },
  };
}

/** The form's values for an existing seminar (dates on the seminar's own wall clock). */
export function seminarFormValues(s: Seminar, instructorEmails: string[]): SeminarFormValues {
  return {
    title: s.title,
    slug: s.slug,
    summary: s.summary,
    descriptionMd: s.descriptionMd,
    welcomeMd: s.welcomeMd,
    timeZone: s.timeZone,
    startsAt: utcToWallTime(s.startsAt, s.timeZone),
    endsAt: utcToWallTime(s.endsAt, s.timeZone),
    venue: s.venue,
    meetingUrl: s.meetingUrl,
    capacity: s.capacity ? String(s.capacity) : "",
    instructors: instructorEmails.join("\n"),
  };
}

export function getSeminarById({ id }: { id: number }): Seminar | undefined {
  return db().select().from(seminars).where(eq(seminars.id, id)).get();
}

export function instructorEmails({ seminarId }: { seminarId: number }): string[] {
  return db()
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.seminarId, seminarId), eq(memberships.role, "instructor")))
    .orderBy(asc(users.name))
    .all()
    .map((r) => r.email);
}

const ADMIN_PAGE = 50;

/** Admins' list of seminars, newest start first, with member counts; bounded pages. */
export function listSeminarsForAdmin({ page = 1, query = "" }: { page?: number; query?: string }) {
  const q = query.trim().slice(0, 100);
  const where = q ? or(like(seminars.title, `%${q.replace(/[%_\\]/g, "\\$&")}%`), like(seminars.slug, `%${q.replace(/[%_\\]/g, "\\$&")}%`)) : undefined;
  const rows = db()
    .select({
      seminar: seminars,
      members: sql<number>`(select count(*) from memberships m where m.seminar_id = ${seminars.id})`,
    })
    .from(seminars)
    .where(where)
    .orderBy(desc(seminars.startsAt), desc(seminars.id))
    .limit(ADMIN_PAGE + 1)
    .offset((Math.max(page, 1) - 1) * ADMIN_PAGE)
    .all();
  return {
    seminars: rows.slice(0, ADMIN_PAGE).map((r) => ({ ...r, phase: seminarPhase(r.seminar) })),
    hasMore: rows.length > ADMIN_PAGE,
  };
}

/** Gives the named members the instructor role; instructors no longer named stay on as attendees. */
function applyInstructors(tx: DB, seminarId: number, instructorIds: number[]) {
  const current = tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.seminarId, seminarId), eq(memberships.role, "instructor")))
    .all()
    .map((r) => r.userId);
  for (const userId of current) {
    if (!instructorIds.includes(userId)) {
      tx.update(memberships)
        .set({ role: "attendee" })
        .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
        .run();
    }
  }
  for (const userId of instructorIds) {
    tx.insert(memberships)
      .values({ seminarId, userId, role: "instructor" })
      .onConflictDoUpdate({ target: [memberships.seminarId, memberships.userId], set: { role: "instructor" } })
      .run();
  }
}

function seminarColumns(v: SeminarInput) {
  const { instructorIds: _ids, ...columns } = v;
  return columns;
}

export function createSeminarRecord({
  input,
  cloneFromId,
  actorId,
}: {
  input: SeminarInput;
  cloneFromId?: number | null;
  actorId: number;
}): Seminar {
  return writeTransaction((tx) => {
    const created = tx.insert(seminars).values(seminarColumns(input)).returning().get();
    applyInstructors(tx, created.id, input.instructorIds);
    if (cloneFromId) {
      const source = tx.select().from(seminars).where(eq(seminars.id, cloneFromId)).get();
      if (source) cloneSeminarStructure(tx, { from: source, to: created, actorId });
    }
    return created;
  });
}

export function updateSeminarRecord({ id, input }: { id: number; input: SeminarInput }): Seminar | undefined {
  return writeTransaction((tx) => {
    const updated = tx.update(seminars).set(seminarColumns(input)).where(eq(seminars.id, id)).returning().get();
    if (updated) applyInstructors(tx, id, input.instructorIds);
    return updated;
  });
}

export interface CloneContext {
  from: Seminar;
  to: Seminar;
  actorId: number;
  /** How far the new seminar starts after the source (dates inside the structure move by this much). */
  shiftMs: number;
}

/**
 * Copies an earlier seminar's structure into a new one: never its members, downloads or answers. Each feature that
 * has per-seminar structure adds its step here (inside the same transaction). Today: the schedule (sessions shifted
 * to the new dates), the wiki skeleton (page titles and texts, as first revisions) and the survey (questions, as an
 * unpublished draft).
 */
export function cloneSeminarStructure(tx: DB, { from, to, actorId }: { from: Seminar; to: Seminar; actorId: number }) {
  const ctx: CloneContext = { from, to, actorId, shiftMs: to.startsAt.getTime() - from.startsAt.getTime() };
  for (const step of CLONE_STEPS) step(tx, ctx);
}

const CLONE_STEPS: ((tx: DB, ctx: CloneContext) => void)[] = [cloneSchedule, cloneWikiSkeleton, cloneSurvey];

function cloneSchedule(tx: DB, { from, to, shiftMs }: CloneContext) {
  const rows = tx.select().from(seminarSessions).where(eq(seminarSessions.seminarId, from.id)).all();
  for (const s of rows) {
    tx.insert(seminarSessions)
      .values({
        seminarId: to.id,
        title: s.title,
        description: s.description,
        startsAt: new Date(s.startsAt.getTime() + shiftMs),
        endsAt: new Date(s.endsAt.getTime() + shiftMs),
        speaker: s.speaker,
        room: s.room,
        meetingUrl: s.meetingUrl,
      })
      .run();
  }
}

function cloneWikiSkeleton(tx: DB, { from, to, actorId }: CloneContext) {
  const pages = tx.select().from(wikiPages).where(eq(wikiPages.seminarId, from.id)).all();
  const now = new Date();
  // Links inside the stored HTML point into the source seminar; they are rewritten to the new address.
  const oldBase = `/s/${from.slug}/`;
  const newBase = `/s/${to.slug}/`;
  for (const p of pages) {
    const bodyHtml = p.bodyHtml.split(`href="${oldBase}`).join(`href="${newBase}`);
    const page = tx
      .insert(wikiPages)
      .values({
        seminarId: to.id,
        slug: p.slug,
        title: p.title,
        bodyMd: p.bodyMd,
        bodyHtml,
        revision: 1,
        createdById: actorId,
        updatedById: actorId,
        updatedAt: now,
      })
      .returning({ id: wikiPages.id })
      .get();
    tx.insert(wikiRevisions)
      .values({
        pageId: page.id,
        seminarId: to.id,
        number: 1,
        title: p.title,
        bodyMd: p.bodyMd,
        bodyHtml,
        note: `Copied from ${from.title}`,
        authorId: actorId,
      })
      .run();
  }
}

function cloneSurvey(tx: DB, { from, to, shiftMs }: CloneContext) {
  const survey = tx.select().from(surveys).where(eq(surveys.seminarId, from.id)).get();
  if (!survey) return;
  const copy = tx
    .insert(surveys)
    .values({
      seminarId: to.id,
      title: survey.title,
      intro: survey.intro,
      anonymous: survey.anonymous,
      opensMode: survey.opensMode,
      opensAt: survey.opensAt ? new Date(survey.opensAt.getTime() + shiftMs) : null,
      closesAt: new Date(survey.closesAt.getTime() + shiftMs),
      minResponses: survey.minResponses,
      reminderAfterDays: survey.reminderAfterDays,
    })
    .returning({ id: surveys.id })
    .get();
  const questions = tx.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, survey.id)).all();
  for (const q of questions) {
    const { id: _id, surveyId: _s, ...rest } = q;
    tx.insert(surveyQuestions).values({ ...rest, surveyId: copy.id }).run();
  }
}
