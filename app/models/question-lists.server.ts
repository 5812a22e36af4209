// Issue #14: finding questions: lists (network, a seminar's, the waiting ones), suggestions while asking, the feed,
// the seminar home, search hits checked once more, and a member's accepted answers per practice area.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { questions, type QuestionAudience } from "../../db/schema";
import { db, prepared } from "./db.server";
import type { Viewer } from "./items.server";
import { answerKind, membershipsOf, questionKind, visibleQuestionIds } from "./question-kinds.server";
import type { SearchResult } from "./search.server";

export const LIST_PAGE = 25;

/** Search hits of questions and answers checked once more with the one visibility rule (the index scope is the first). */
export function withVisibleAnswers<R extends Pick<SearchResult, "hits">>(viewer: Viewer, result: R): R {
  const q = result.hits.filter((h) => h.kind === "question").map((h) => h.refId);
  const a = result.hits.filter((h) => h.kind === "answer").map((h) => h.refId);
  if (!q.length && !a.length) return result;
  const okQ = questionKind.visibleIds(viewer, q);
  const okA = answerKind.visibleIds(viewer, a);
  return { ...result, hits: result.hits.filter((h) => (h.kind === "question" ? okQ.has(h.refId) : h.kind === "answer" ? okA.has(h.refId) : true)) };
}

/** Full-text suggestions while asking: visible questions whose title or body share the typed words, best first. */
export function similarQuestions({ viewer, text, limit = 5 }: { viewer: Viewer; text: string; limit?: number }): { id: number; title: string; answerCount: number; accepted: boolean }[] {
  const words = [...new Set((text.slice(0, 300).toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !STOP.has(w)))].slice(0, 12);
  if (!words.length) return [];
  const roles = membershipsOf(viewer.id);
  const tokens = ["n"];
  for (const [id, role] of roles) tokens.push(`s${id}`, ...(role === "instructor" ? [`i${id}`] : []));
  // Admins see everything, but their suggestions come from what they belong to plus the network: enough to spot duplicates.
  const expr = `scope : (${tokens.slice(0, 60).join(" OR ")}) AND {title body} : (${words.map((w) => `"${w}"`).join(" OR ")})`;
  const rows = db()
    .$client.prepare(
      `SELECT d.ref_id AS id FROM (SELECT rowid AS id, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 60) f
         JOIN search_documents d ON d.id = f.id WHERE d.kind = 'question' ORDER BY f.rank LIMIT ?`,
    )
    .all(expr, limit * 3) as { id: number }[];
  const ids = rows.map((r) => r.id);
  const visible = visibleQuestionIds(viewer, ids);
  const keep = ids.filter((id) => visible.has(id)).slice(0, limit);
  if (!keep.length) return [];
  const byId = new Map(
    db()
      .select({ id: questions.id, title: questions.title, answerCount: questions.answerCount, acceptedAnswerId: questions.acceptedAnswerId })
      .from(questions)
      .where(sql`${questions.id} in (select value from json_each(${JSON.stringify(keep)}))`)
      .all()
      .map((q) => [q.id, q]),
  );
  return keep.flatMap((id) => {
    const q = byId.get(id);
    return q ? [{ id, title: q.title, answerCount: q.answerCount, accepted: q.acceptedAnswerId !== null }] : [];
  });
}

const STOP = new Set(
  "the and for are but not you all any can had her was one our out has him his how man new now old see two way who did its let put say she too use what when where which with will would should could there their them then than this that these those from have into your about after before under over does doing been being more most some such only other very just also shall may must might".split(" "),
);

// --- lists ----------------------------------------------------------------------------------------------------

export type ListFilter = "all" | "unanswered" | "unaccepted";

export interface QuestionListItem {
  id: number;
  title: string;
  authorId: number | null;
  anonymous: boolean;
  audience: QuestionAudience;
  toInstructors: boolean;
  answerCount: number;
  accepted: boolean;
  closed: boolean;
  createdAt: Date;
}

const listColumns = {
  id: questions.id,
  title: questions.title,
  authorId: questions.authorId,
  anonymous: questions.anonymous,
  audience: questions.audience,
  toInstructors: questions.toInstructors,
  answerCount: questions.answerCount,
  acceptedAnswerId: questions.acceptedAnswerId,
  closedAt: questions.closedAt,
  createdAt: questions.createdAt,
};

type ListRow = { [K in keyof typeof listColumns]: (typeof listColumns)[K]["_"]["data"] | ((typeof listColumns)[K]["_"]["notNull"] extends true ? never : null) };

const toItem = (r: ListRow): QuestionListItem => ({
  id: r.id,
  title: r.title,
  authorId: r.anonymous ? null : r.authorId,
  anonymous: r.anonymous,
  audience: r.audience,
  toInstructors: r.toInstructors,
  answerCount: r.answerCount,
  accepted: r.acceptedAnswerId !== null,
  closed: r.closedAt !== null,
  createdAt: r.createdAt,
});

/**
 * Network questions, newest first ("all"), or the open ones still waiting, oldest first ("unanswered": no answer;
 * "unaccepted": no accepted answer), LIST_PAGE at a time; `page` counts from 1.
 */
export function listNetworkQuestions({ filter, page = 1 }: { filter: ListFilter; page?: number }) {
  const offset = (Math.max(1, Math.min(page, 400)) - 1) * LIST_PAGE;
  const stmt = prepared(`questions.network.${filter}`, (d) => {
    const base = d.select(listColumns).from(questions);
    if (filter === "all") {
      return base
        .where(eq(questions.audience, "network"))
        .orderBy(desc(questions.createdAt), desc(questions.id))
        .limit(LIST_PAGE + 1)
        .offset(sql.placeholder("offset"))
        .prepare();
    }
    return base
      .where(
        and(
          eq(questions.audience, "network"),
          sql`${questions.closedAt} is null`,
          filter === "unanswered" ? eq(questions.answerCount, 0) : sql`${questions.acceptedAnswerId} is null`,
        ),
      )
      .orderBy(asc(questions.createdAt), asc(questions.id))
      .limit(LIST_PAGE + 1)
      .offset(sql.placeholder("offset"))
      .prepare();
  });
  const rows = stmt.all({ offset }) as ListRow[];
  return { items: rows.slice(0, LIST_PAGE).map(toItem), hasNext: rows.length > LIST_PAGE };
}

/** A seminar's questions the viewer may see (its public ones, and the private ones they asked or, as instructor, got). */
export function listSeminarQuestions({ seminarId, viewer, canManage, filter, page = 1 }: { seminarId: number; viewer: Viewer; canManage: boolean; filter: ListFilter; page?: number }) {
  const offset = (Math.max(1, Math.min(page, 400)) - 1) * LIST_PAGE;
  const rows = db()
    .select(listColumns)
    .from(questions)
    .where(
      and(
        eq(questions.seminarId, seminarId),
        canManage ? undefined : sql`(${questions.audience} = 'seminar' or ${questions.authorId} = ${viewer.id})`,
        filter === "all" ? undefined : sql`${questions.closedAt} is null`,
        filter === "unanswered" ? eq(questions.answerCount, 0) : filter === "unaccepted" ? sql`${questions.acceptedAnswerId} is null` : undefined,
      ),
    )
    .orderBy(filter === "all" ? desc(questions.createdAt) : asc(questions.createdAt), filter === "all" ? desc(questions.id) : asc(questions.id))
    .limit(LIST_PAGE + 1)
    .offset(offset)
    .all() as ListRow[];
  return { items: rows.slice(0, LIST_PAGE).map(toItem), hasNext: rows.length > LIST_PAGE };
}

/** A seminar's newest questions this viewer may see, with their text, for the private Atom feed. */
export function listFeedQuestions({ seminarId, viewer, limit = 30 }: { seminarId: number; viewer: Viewer; limit?: number }) {
  const rows = db()
    .select({ id: questions.id, title: questions.title, bodyHtml: questions.bodyHtml, authorId: questions.authorId, anonymous: questions.anonymous, createdAt: questions.createdAt, editedAt: questions.editedAt })
    .from(questions)
    .where(eq(questions.seminarId, seminarId))
    .orderBy(desc(questions.createdAt), desc(questions.id))
    .limit(limit * 2)
    .all();
  // The one visibility rule decides (a private question only for its asker and the instructors).
  const visible = visibleQuestionIds(viewer, rows.map((r) => r.id));
  return rows.filter((r) => visible.has(r.id)).slice(0, limit);
}

/**
 * The seminar home's Questions card: the newest questions of the seminar this viewer may see (the same rule as the
 * seminar's Questions page), and how many of them still wait for a first answer.
 */
export function latestSeminarQuestions({ seminarId, viewer, canManage, limit = 4 }: { seminarId: number; viewer: Viewer; canManage: boolean; limit?: number }) {
  const scope = and(eq(questions.seminarId, seminarId), canManage ? undefined : sql`(${questions.audience} = 'seminar' or ${questions.authorId} = ${viewer.id})`);
  const items = (db().select(listColumns).from(questions).where(scope).orderBy(desc(questions.createdAt), desc(questions.id)).limit(limit).all() as ListRow[]).map(toItem);
  const waiting =
    db()
      .select({ n: sql<number>`count(*)` })
      .from(questions)
      .where(and(scope, eq(questions.answerCount, 0), sql`${questions.closedAt} is null`))
      .get()?.n ?? 0;
  return { items, waiting };
}

// --- reputation -----------------------------------------------------------------------------------------------

/** Accepted answers a member gave, per practice area of the question (network and seminar questions alike). */
export function acceptedAnswersByArea({ userId }: { userId: number }): { area: string; n: number }[] {
  return db().$client
    .prepare(
      `SELECT a.value AS area, count(*) AS n FROM answers x JOIN questions q ON q.accepted_answer_id = x.id, json_each(q.areas) a
        WHERE x.author_id = ? AND q.audience != 'private' GROUP BY a.value ORDER BY n DESC, a.value LIMIT 20`,
    )
    .all(userId) as { area: string; n: number }[];
}
