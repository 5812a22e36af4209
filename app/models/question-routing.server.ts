// Issue #14: who hears of a question. A new network question is routed to matching experts (expertsFor, the one place
// that decides), seminar questions to the instructors, followers of a question, a practice area or a jurisdiction
// are told, and a question unanswered for two days is surfaced to staff.
import { and, eq, sql } from "drizzle-orm";
import { memberships, questionFollows, questions, users } from "../../db/schema";
import { db, prepared, writeTransaction, type DB } from "./db.server";
import { notify } from "./notifications.server";
import { DEFAULT_WEEKLY_QUESTION_CAP, openToQuestions } from "./participation.server";
import { mailChoice } from "./preferences.server";
import { topicsOf } from "./question-kinds.server";

type Question = typeof questions.$inferSelect;

/** How many experts one network question is routed to. */
export const EXPERTS_PER_QUESTION = 5;

export function instructorIds(tx: DB, seminarId: number): number[] {
  return tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.seminarId, seminarId), eq(memberships.role, "instructor")))
    .all()
    .map((r) => r.id);
}

export function followersOf(tx: DB, targetKind: "question" | "area" | "jurisdiction", targets: string[]): number[] {
  if (!targets.length) return [];
  return tx
    .select({ id: questionFollows.userId })
    .from(questionFollows)
    .where(
      and(eq(questionFollows.targetKind, targetKind), sql`${questionFollows.target} in (select value from json_each(${JSON.stringify(targets)}))`),
    )
    .all()
    .map((r) => r.id);
}

/**
 * The members a new network question is routed to: those whose practice areas and jurisdictions match it, who have
 * not said "never" to questions, and who have not already had their weekly share, best match first, fewest recent
 * routings next. THE one place that decides who is asked: participation mode ("open to answer questions", "paused")
 * and the member's own weekly cap (Privacy and notifications, 0 = never) are applied here.
 */
export function expertsFor(
  tx: DB,
  { question, limit = EXPERTS_PER_QUESTION, now = Date.now() }: { question: Pick<Question, "id" | "authorId" | "areas" | "jurisdictions">; limit?: number; now?: number },
): number[] {
  const { areas, jurisdictions } = topicsOf(question);
  if (!areas.length && !jurisdictions.length) return [];
  // Members matching every kind of topic the question names, scored by how many of its topics they hold.
  const rows = tx.$client
    .prepare(
      `WITH a AS (SELECT user_id, count(*) AS n FROM profile_areas
                   WHERE kind = 'area' AND value IN (SELECT value FROM json_each(@areas)) GROUP BY user_id),
            j AS (SELECT user_id, count(DISTINCT jurisdiction) AS n FROM bar_admissions
                   WHERE status = 'active' AND jurisdiction IN (SELECT value FROM json_each(@jurisdictions)) GROUP BY user_id),
            c AS (SELECT user_id FROM a UNION SELECT user_id FROM j)
       SELECT c.user_id AS id, coalesce(a.n, 0) + coalesce(j.n, 0) AS score,
              (SELECT count(*) FROM question_routes r WHERE r.user_id = c.user_id AND r.created_at > @weekAgo) AS recent,
              coalesce((SELECT p.weekly_question_cap FROM participation p WHERE p.user_id = c.user_id), @defaultCap) AS cap
         FROM c JOIN users u ON u.id = c.user_id
         LEFT JOIN a ON a.user_id = c.user_id LEFT JOIN j ON j.user_id = c.user_id
        WHERE u.status = 'active' AND u.id IS NOT @asker
          AND (@needArea = 0 OR a.n > 0) AND (@needJurisdiction = 0 OR j.n > 0)
        ORDER BY score DESC, recent ASC, c.user_id ASC
        LIMIT 500`,
    )
    .all({
      areas: JSON.stringify(areas),
      jurisdictions: JSON.stringify(jurisdictions),
      weekAgo: now - 7 * 86400_000,
      asker: question.authorId,
      defaultCap: DEFAULT_WEEKLY_QUESTION_CAP,
      needArea: areas.length ? 1 : 0,
      needJurisdiction: jurisdictions.length ? 1 : 0,
    }) as { id: number; score: number; recent: number; cap: number }[];
  const out: number[] = [];
  // Readers and paused members are never asked (their participation mode, issue #15).
  const open = openToQuestions(db(), rows.map((r) => r.id));
  for (const r of rows) {
    if (out.length >= limit) break;
    if (open.has(r.id) && r.recent < r.cap && willingToAnswer(r.id)) out.push(r.id);
  }
  return out;
}

/**
 * Whether a matching member under their weekly cap is asked now: their "Questions routed to me" mail choice is not
 * "never" (participation mode and the member's own weekly cap, 0 = never, are checked above).
 */
function willingToAnswer(userId: number): boolean {
  return mailChoice({ userId, topic: "questions" }) !== "never";
}

export function setFollow({ userId, targetKind, target, follow }: { userId: number; targetKind: "question" | "area" | "jurisdiction"; target: string; follow: boolean }) {
  if (follow) db().insert(questionFollows).values({ userId, targetKind, target }).onConflictDoNothing().run();
  else db().delete(questionFollows).where(and(eq(questionFollows.userId, userId), eq(questionFollows.targetKind, targetKind), eq(questionFollows.target, target))).run();
}

export function topicFollows({ userId }: { userId: number }) {
  return db()
    .select({ targetKind: questionFollows.targetKind, target: questionFollows.target })
    .from(questionFollows)
    .where(and(eq(questionFollows.userId, userId), sql`${questionFollows.targetKind} != 'question'`))
    .all();
}

export function isFollowing({ userId, questionId }: { userId: number; questionId: number }): boolean {
  // On every question page: prepared once (issue #9).
  return !!prepared("questions.isFollowing", (d) =>
    d
      .select({ u: questionFollows.userId })
      .from(questionFollows)
      .where(and(eq(questionFollows.userId, sql.placeholder("userId")), eq(questionFollows.targetKind, "question"), eq(questionFollows.target, sql.placeholder("target"))))
      .prepare(),
  ).get({ userId, target: String(questionId) });
}

// --- staff view and the two-day promise -------------------------------------------------------------------------

/**
 * Questions nobody answered for two days (the institute promised fast help), not yet surfaced: staff are told once
 * each. Only questions of the last week are looked at, so an old backlog (an import, a restore) is not mailed at once.
 */
export function surfaceStaleQuestions({ now = Date.now() }: { now?: number } = {}): number {
  const find = (tx: DB) =>
    tx
      .select({ id: questions.id, title: questions.title })
      .from(questions)
      .where(
        and(
          eq(questions.answerCount, 0),
          sql`${questions.createdAt} between ${now - 7 * 86400_000} and ${now - 2 * 86400_000}`,
          sql`${questions.closedAt} is null`,
          sql`${questions.surfacedAt} is null`,
        ),
      )
      .limit(200)
      .all();
  // A cheap read first: the write lock only when something is due.
  if (!find(db()).length) return 0;
  return writeTransaction((tx) => {
    const stale = find(tx);
    if (!stale.length) return 0;
    const staff = tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.status, "active"))).all().map((r) => r.id);
    for (const q of stale) {
      notify(tx, { ref: { kind: "question", id: q.id }, event: "question.unanswered", actorId: null, recipients: staff, topic: "questions", summary: `Unanswered for two days: “${q.title}”` });
    }
    tx.update(questions).set({ surfacedAt: new Date(now) }).where(sql`${questions.id} in (select value from json_each(${JSON.stringify(stale.map((q) => q.id))}))`).run();
    return stale.length;
  });
}
