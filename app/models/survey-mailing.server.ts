// Issue #8: survey invitations, the one reminder, and erasing respondent keys once an anonymous survey closes.
// Runs as a periodic background task; every step is idempotent because its mark (invitedAt, remindedAt,
// keysErasedAt) is set in the same write transaction as the mail it enqueues.
import { and, eq, isNotNull, isNull, notExists } from "drizzle-orm";
import { memberships, seminars, surveyRespondents, surveys, users } from "../../db/schema";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { env } from "~/utils/env.server";
import { db, writeTransaction, type DB } from "./db.server";
import { mailChoice, mailsAtAll } from "./preferences.server";
import { eraseRespondentKeys } from "./survey-response.server";
import { effectiveOpensAt } from "./survey.server";

const DAY = 86400_000;

function formatClose(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

function recipients(tx: DB, seminarId: number, surveyId: number, onlyNonRespondents: boolean) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.seminarId, seminarId),
        eq(memberships.role, "attendee"),
        eq(users.status, "active"),
        onlyNonRespondents
          ? notExists(
              tx
                .select({ one: surveyRespondents.userId })
                .from(surveyRespondents)
                .where(and(eq(surveyRespondents.surveyId, surveyId), eq(surveyRespondents.userId, users.id)))
            )
          : undefined
      )
    )
    .all();
}

function mailAll(
  tx: DB,
  kind: "survey-invitation" | "survey-reminder",
  survey: typeof surveys.$inferSelect,
  seminar: typeof seminars.$inferSelect,
  people: { id: number; name: string; email: string }[]
): number {
  const link = `${env().APP_URL}/s/${encodeURIComponent(seminar.slug)}/survey`;
  let sent = 0;
  for (const p of people) {
    // A survey invitation is one time-bound request, so "daily" and "weekly" digest choices still receive it
    // (a later digest would arrive after the reminder); only "never" turns survey mail off.
    if (!mailsAtAll(mailChoice({ userId: p.id, topic: "surveys" }))) continue;
    const mail = renderEmail(kind, {
      name: p.name,
      seminar: seminar.title,
      link,
      closes: formatClose(survey.closesAt, seminar.timeZone),
      anonymous: survey.anonymous ? "yes" : "",
      named: survey.anonymous ? "" : "yes",
    });
    enqueueMail(tx, { to: p.email, ...mail, kind, unsubscribe: { userId: p.id, kind: "surveys" } });
    sent += 1;
  }
  return sent;
}

function isDue(s: typeof surveys.$inferSelect, seminar: typeof seminars.$inferSelect, now: Date): boolean {
  if (now >= s.closesAt) return true;
  if (now < effectiveOpensAt(s, seminar)) return false;
  if (!s.invitedAt) return true;
  return (
    !s.remindedAt && s.reminderAfterDays != null && now.getTime() >= s.invitedAt.getTime() + s.reminderAfterDays * DAY
  );
}

/** One pass: invite for surveys that have opened, remind once, erase keys of closed anonymous surveys. */
export function runSurveyMailings(now = new Date()): { invited: number; reminded: number; erased: number } {
  const result = { invited: 0, reminded: 0, erased: 0 };
  const pending = db()
    .select({ survey: surveys, seminar: seminars })
    .from(surveys)
    .innerJoin(seminars, eq(seminars.id, surveys.seminarId))
    // keysErasedAt is set when a survey closes, so this stays the short list of live surveys.
    .where(and(isNotNull(surveys.publishedAt), isNull(surveys.keysErasedAt)))
    .all();
  for (const { survey, seminar } of pending) {
    if (!isDue(survey, seminar, now)) continue;
    writeTransaction((tx) => {
      // Re-read inside the write lock so two processes never send the same mail twice.
      const s = tx.select().from(surveys).where(eq(surveys.id, survey.id)).get();
      if (!s || !s.publishedAt) return;
      if (now >= s.closesAt) {
        if (!s.keysErasedAt) {
          if (s.anonymous) eraseRespondentKeys(tx, s.id);
          tx.update(surveys).set({ keysErasedAt: now }).where(eq(surveys.id, s.id)).run();
          result.erased += 1;
        }
        return;
      }
      if (now < effectiveOpensAt(s, seminar)) return;
      if (!s.invitedAt) {
        result.invited += mailAll(tx, "survey-invitation", s, seminar, recipients(tx, seminar.id, s.id, false));
        tx.update(surveys).set({ invitedAt: now }).where(eq(surveys.id, s.id)).run();
        return;
      }
      if (
        !s.remindedAt &&
        s.reminderAfterDays != null &&
        now.getTime() >= s.invitedAt.getTime() + s.reminderAfterDays * DAY
      ) {
        result.reminded += mailAll(tx, "survey-reminder", s, seminar, recipients(tx, seminar.id, s.id, true));
        tx.update(surveys).set({ remindedAt: now }).where(eq(surveys.id, s.id)).run();
      }
    });
  }
  return result;
}
