// Issue #14: expert answers. Members ask in a seminar, privately to its instructors, or to the whole network; matching
// experts are told (expertsFor), answers are voted on and one is accepted. Who may see a question is decided here
// (questionKind / answerKind, registered in item-kinds.server.ts) and every page, search hit and notification uses it.
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import {
  answerComments,
  answerVotes,
  answers,
  memberships,
  qaRevisions,
  questionFollows,
  questionRoutes,
  questions,
  seminars,
  users,
  type QuestionAudience,
} from "../../db/schema";
import { recordActivity } from "./activity.server";
import { countActivity } from "./counts.server";
import { db, inIdList, prepared, writeTransaction, type DB } from "./db.server";
import { openToQuestions } from "./participation.server";
import type { Viewer } from "./items.server";
import { answerKind, canManageQuestion, mayView, membershipsOf, questionKind, questionPath, visibleQuestionIds } from "./question-kinds.server";

export { answerKind, canManageQuestion, questionKind, questionPath };
import { notify } from "./notifications.server";
import { mailChoice } from "./preferences.server";
import { controlledLists } from "./profile-write.server";
import { indexDocument, removeDocument, removeDocuments, type SearchResult } from "./search.server";
import { htmlToText, tryRenderMarkdown } from "~/services/markdown.server";
import { env } from "~/utils/env.server";

export type Question = typeof questions.$inferSelect;
export type Answer = typeof answers.$inferSelect;

export const QUESTION_TITLE_MAX = 200;
export const QUESTION_BODY_MAX = 20_000;
export const ANSWER_BODY_MAX = 20_000;
export const ANSWER_COMMENT_MAX = 1_000;
export const MAX_TOPICS = 5;
/** How many experts one network question is routed to. */
export const EXPERTS_PER_QUESTION = 5;
/** Until members set their own (participation choices, issue 15a): routed questions per member and week. */
export const DEFAULT_WEEKLY_CAP = 3;
/** Votes from accounts younger than this are kept but not counted. */
export const NEW_ACCOUNT_MS = 7 * 86400_000;
/** Bursts: at most this many questions / answers per member in BURST_WINDOW_MS. */
export const QUESTION_BURST = 5;
export const ANSWER_BURST = 12;
export const BURST_WINDOW_MS = 10 * 60_000;
export const LIST_PAGE = 25;


const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};
export const topicsOf = (q: Pick<Question, "areas" | "jurisdictions">) => ({ areas: parseList(q.areas), jurisdictions: parseList(q.jurisdictions) });

function render(md: string) {
  return tryRenderMarkdown(md, { siteOrigin: new URL(env().APP_URL).origin });
}

/** The question if this viewer may see it; undefined otherwise (callers answer 404). */
export function getVisibleQuestion({ viewer, id }: { viewer: Viewer; id: number }): Question | undefined {
  const q = prepared("questions.byId", (d) => d.select().from(questions).where(eq(questions.id, sql.placeholder("id"))).prepare()).get({ id });
  if (!q) return undefined;
  return mayView(viewer, q, () => membershipsOf(viewer.id)) ? q : undefined;
}

/** Search hits of questions and answers checked once more with the one visibility rule (the index scope is the first). */
export function withVisibleAnswers<R extends Pick<SearchResult, "hits">>(viewer: Viewer, result: R): R {
  const q = result.hits.filter((h) => h.kind === "question").map((h) => h.refId);
  const a = result.hits.filter((h) => h.kind === "answer").map((h) => h.refId);
  if (!q.length && !a.length) return result;
  const okQ = questionKind.visibleIds(viewer, q);
  const okA = answerKind.visibleIds(viewer, a);
  return { ...result, hits: result.hits.filter((h) => (h.kind === "question" ? okQ.has(h.refId) : h.kind === "answer" ? okA.has(h.refId) : true)) };
}

// --- asking ---------------------------------------------------------------------------------------------------

export interface QuestionInput {
  title: string;
  bodyMd: string;
  areas: string[];
  jurisdictions: string[];
  audience: QuestionAudience;
  /** Seminar questions only: addressed to the instructors (private questions always are). */
  toInstructors: boolean;
}

export type QuestionErrors = Partial<Record<"title" | "body" | "areas" | "jurisdictions" | "audience" | "form", string>>;

/** Keeps only values of the profile vocabularies (the form offers nothing else; a hand-made post gets an error). */
export function checkTopics(input: { areas: string[]; jurisdictions: string[] }): QuestionErrors {
  const lists = controlledLists();
  const errors: QuestionErrors = {};
  if (input.areas.length > MAX_TOPICS) errors.areas = `Choose at most ${MAX_TOPICS} practice areas.`;
  else if (input.areas.some((a) => !lists.areas.includes(a))) errors.areas = "Choose practice areas from the list.";
  if (input.jurisdictions.length > MAX_TOPICS) errors.jurisdictions = `Choose at most ${MAX_TOPICS} jurisdictions.`;
  else if (input.jurisdictions.some((j) => !lists.jurisdictions.includes(j))) errors.jurisdictions = "Choose jurisdictions from the list.";
  return errors;
}

function recentCount(table: typeof questions | typeof answers, authorId: number, now: number): number {
  const row = db()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .where(and(eq(table.authorId, authorId), gt(table.createdAt, new Date(now - BURST_WINDOW_MS))))
    .get();
  return row?.n ?? 0;
}

function indexQuestion(q: Question) {
  indexDocument({
    kind: "question",
    id: q.id,
    seminarId: q.audience === "network" ? null : q.seminarId,
    audience: q.audience === "private" ? "instructors" : "members",
    title: q.title,
    body: htmlToText(q.bodyHtml, 20_000),
    path: questionPath(q.id),
  });
}

function indexAnswer(q: Question, a: Pick<Answer, "id" | "bodyHtml">) {
  indexDocument({
    kind: "answer",
    id: a.id,
    seminarId: q.audience === "network" ? null : q.seminarId,
    audience: q.audience === "private" ? "instructors" : "members",
    title: `Answer to “${q.title}”`,
    body: htmlToText(a.bodyHtml, 20_000),
    path: `${questionPath(q.id)}#answer-${a.id}`,
  });
}

export function instructorIds(tx: DB, seminarId: number): number[] {
  return tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.seminarId, seminarId), eq(memberships.role, "instructor")))
    .all()
    .map((r) => r.id);
}

function followersOf(tx: DB, targetKind: "question" | "area" | "jurisdiction", targets: string[]): number[] {
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
 * and the member's own weekly cap (issue 15a) plug in here, in `willingToAnswer` below.
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
              (SELECT count(*) FROM question_routes r WHERE r.user_id = c.user_id AND r.created_at > @weekAgo) AS recent
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
      needArea: areas.length ? 1 : 0,
      needJurisdiction: jurisdictions.length ? 1 : 0,
    }) as { id: number; score: number; recent: number }[];
  const out: number[] = [];
  // Readers and paused members are never asked (their participation mode, issue #15).
  const open = openToQuestions(db(), rows.map((r) => r.id));
  for (const r of rows) {
    if (out.length >= limit) break;
    if (open.has(r.id) && willingToAnswer(r.id, r.recent)) out.push(r.id);
  }
  return out;
}

/**
 * Whether a matching member is asked now. Today: their "Questions routed to me" mail choice is not "never" and they
 * were routed fewer than DEFAULT_WEEKLY_CAP questions in the last seven days (participation mode is checked above).
 */
function willingToAnswer(userId: number, routedThisWeek: number): boolean {
  if (routedThisWeek >= DEFAULT_WEEKLY_CAP) return false;
  return mailChoice({ userId, topic: "questions" }) !== "never";
}

export function createQuestion({
  viewer,
  seminar,
  input,
  now = Date.now(),
}: {
  viewer: Viewer & { name: string };
  /** The seminar asked in; null for a network question. */
  seminar: { id: number; slug: string; title: string } | null;
  input: QuestionInput;
  now?: number;
}): { ok: true; question: Question; routedTo: number[] } | { ok: false; errors: QuestionErrors } {
  const errors: QuestionErrors = checkTopics(input);
  const title = input.title.replace(/\s+/g, " ").trim();
  if (title.length < 8) errors.title = "Say in a few words what you want to know (at least 8 characters).";
  else if (title.length > QUESTION_TITLE_MAX) errors.title = `Keep the title under ${QUESTION_TITLE_MAX} characters.`;
  let html = "";
  if (!input.bodyMd.trim()) errors.body = "Describe your question: the facts and what you have found so far.";
  else if (input.bodyMd.length > QUESTION_BODY_MAX) errors.body = `The question is too long: at most ${QUESTION_BODY_MAX.toLocaleString("en-US")} characters.`;
  else {
    const r = render(input.bodyMd);
    if (r.ok) html = r.html;
    else errors.body = r.error;
  }
  const audience: QuestionAudience = seminar ? (input.audience === "private" ? "private" : "seminar") : "network";
  if (Object.keys(errors).length) return { ok: false, errors };
  if (recentCount(questions, viewer.id, now) >= QUESTION_BURST) {
    return { ok: false, errors: { form: `You asked ${QUESTION_BURST} questions in the last few minutes. Please wait ten minutes before asking another.` } };
  }
  return writeTransaction((tx) => {
    const question = tx
      .insert(questions)
      .values({
        seminarId: seminar?.id ?? null,
        authorId: viewer.id,
        audience,
        toInstructors: audience === "private" || input.toInstructors,
        title,
        bodyMd: input.bodyMd,
        bodyHtml: html,
        areas: JSON.stringify(input.areas),
        jurisdictions: JSON.stringify(input.jurisdictions),
        createdAt: new Date(now),
      })
      .returning()
      .get();
    indexQuestion(question);
    tx.insert(questionFollows).values({ userId: viewer.id, targetKind: "question", target: String(question.id) }).onConflictDoNothing().run();
    countActivity(tx, { userId: viewer.id, counter: "question.asked", seminarId: seminar?.id ?? null });
    const ref = { kind: "question" as const, id: question.id };
    let routedTo: number[] = [];
    if (seminar) {
      if (audience === "seminar") {
        recordActivity(tx, { seminarId: seminar.id, actorId: viewer.id, kind: "question", summary: `New question “${title}”`, href: `/s/${seminar.slug}/questions` });
      }
      // Seminar questions go to the seminar's instructors; private ones only to them.
      notify(tx, {
        ref,
        event: "question.asked",
        actorId: viewer.id,
        recipients: instructorIds(tx, seminar.id),
        topic: "questions",
        summary: `${viewer.name} asked ${audience === "private" ? "you privately" : `in ${seminar.title}`}: “${title}”`,
      });
    } else {
      const experts = expertsFor(tx, { question, now });
      routedTo = notify(tx, {
        ref,
        event: "question.routed",
        actorId: viewer.id,
        recipients: experts,
        topic: "questions",
        summary: `A colleague asks a question in your field: “${title}”`,
      });
      if (routedTo.length) tx.insert(questionRoutes).values(routedTo.map((userId) => ({ questionId: question.id, userId, createdAt: new Date(now) }))).onConflictDoNothing().run();
      const { areas, jurisdictions } = topicsOf(question);
      const followers = [...followersOf(tx, "area", areas), ...followersOf(tx, "jurisdiction", jurisdictions)].filter((id) => !routedTo.includes(id));
      notify(tx, { ref, event: "question.followed-topic", actorId: viewer.id, recipients: followers, topic: "questions", summary: `New question on a topic you follow: “${title}”` });
    }
    return { ok: true as const, question, routedTo };
  });
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

/** The newest public questions of a seminar, for its home page. */
export function latestSeminarQuestions({ seminarId, limit = 3 }: { seminarId: number; limit?: number }) {
  return prepared("questions.latestSeminar", (d) =>
    d
      .select({ id: questions.id, title: questions.title, answerCount: questions.answerCount })
      .from(questions)
      .where(and(eq(questions.seminarId, sql.placeholder("seminarId")), eq(questions.audience, "seminar")))
      .orderBy(desc(questions.createdAt), desc(questions.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all({ seminarId, limit });
}

// --- the question page ----------------------------------------------------------------------------------------

export interface AnswerView {
  id: number;
  authorId: number | null;
  bodyHtml: string;
  bodyMd: string;
  score: number;
  accepted: boolean;
  votedByViewer: boolean;
  createdAt: Date;
  editedAt: Date | null;
  comments: { id: number; authorId: number | null; bodyHtml: string; createdAt: Date }[];
}

/** Answers with the accepted one first, then by counted votes, then oldest first. */
export function answersFor({ question, viewerId }: { question: Question; viewerId: number }): AnswerView[] {
  const rows = prepared("questions.answers", (d) =>
    d
      .select({
        id: answers.id,
        authorId: answers.authorId,
        bodyHtml: answers.bodyHtml,
        bodyMd: answers.bodyMd,
        score: answers.score,
        createdAt: answers.createdAt,
        editedAt: answers.editedAt,
        voted: sql<number | null>`(select 1 from ${answerVotes} v where v.answer_id = ${answers.id} and v.user_id = ${sql.placeholder("viewerId")})`,
      })
      .from(answers)
      .where(eq(answers.questionId, sql.placeholder("questionId")))
      .orderBy(desc(answers.score), asc(answers.createdAt))
      .limit(200)
      .prepare(),
  ).all({ questionId: question.id, viewerId });
  const comments = rows.length
    ? prepared("questions.answerComments", (d) =>
        d
          .select({ id: answerComments.id, answerId: answerComments.answerId, authorId: answerComments.authorId, bodyHtml: answerComments.bodyHtml, createdAt: answerComments.createdAt })
          .from(answerComments)
          .where(inIdList(answerComments.answerId))
          .orderBy(asc(answerComments.createdAt))
          .prepare(),
      ).all({ ids: JSON.stringify(rows.map((r) => r.id)) })
    : [];
  const views = rows.map(
    (r): AnswerView => ({
      id: r.id,
      authorId: r.authorId,
      bodyHtml: r.bodyHtml,
      bodyMd: r.authorId === viewerId ? r.bodyMd : "",
      score: r.score,
      accepted: r.id === question.acceptedAnswerId,
      votedByViewer: r.voted === 1,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      comments: comments.filter((c) => c.answerId === r.id).map(({ answerId: _a, ...c }) => c),
    }),
  );
  return [...views.filter((a) => a.accepted), ...views.filter((a) => !a.accepted)];
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

export function revisionCount({ kind, refId }: { kind: "question" | "answer"; refId: number }): number {
  return db().select({ n: sql<number>`count(*)` }).from(qaRevisions).where(and(eq(qaRevisions.kind, kind), eq(qaRevisions.refId, refId))).get()?.n ?? 0;
}

export function listRevisions({ kind, refId }: { kind: "question" | "answer"; refId: number }) {
  return db().select().from(qaRevisions).where(and(eq(qaRevisions.kind, kind), eq(qaRevisions.refId, refId))).orderBy(desc(qaRevisions.createdAt), desc(qaRevisions.id)).all();
}

export function seminarOf(q: Pick<Question, "seminarId">) {
  if (q.seminarId === null) return null;
  return (
    prepared("questions.seminarOf", (d) =>
      d
        .select({ id: seminars.id, slug: seminars.slug, title: seminars.title, timeZone: seminars.timeZone, discussionsReadOnly: seminars.discussionsReadOnly })
        .from(seminars)
        .where(eq(seminars.id, sql.placeholder("id")))
        .prepare(),
    ).get({ id: q.seminarId }) ?? null
  );
}

// --- answering ------------------------------------------------------------------------------------------------

export type Result = { ok: true; message: string } | { ok: false; error: string; status?: number };

export function postAnswer({ viewer, question, bodyMd, now = Date.now() }: { viewer: Viewer & { name: string }; question: Question; bodyMd: string; now?: number }): { ok: true; answer: Answer } | { ok: false; error: string } {
  if (question.closedAt) return { ok: false, error: "This question is closed to new answers." };
  if (!bodyMd.trim()) return { ok: false, error: "Write your answer before posting it." };
  if (bodyMd.length > ANSWER_BODY_MAX) return { ok: false, error: `The answer is too long: at most ${ANSWER_BODY_MAX.toLocaleString("en-US")} characters.` };
  const r = render(bodyMd);
  if (!r.ok) return { ok: false, error: r.error };
  if (recentCount(answers, viewer.id, now) >= ANSWER_BURST) return { ok: false, error: "You posted many answers in the last few minutes. Please wait ten minutes before posting another." };
  return writeTransaction((tx) => {
    const answer = tx.insert(answers).values({ questionId: question.id, authorId: viewer.id, bodyMd, bodyHtml: r.html, createdAt: new Date(now) }).returning().get();
    tx.update(questions).set({ answerCount: sql`${questions.answerCount} + 1` }).where(eq(questions.id, question.id)).run();
    indexAnswer(question, answer);
    countActivity(tx, { userId: viewer.id, counter: "answer.posted", seminarId: question.seminarId });
    tx.insert(questionFollows).values({ userId: viewer.id, targetKind: "question", target: String(question.id) }).onConflictDoNothing().run();
    const followers = followersOf(tx, "question", [String(question.id)]);
    notify(tx, {
      ref: { kind: "answer", id: answer.id },
      event: "answer.posted",
      actorId: viewer.id,
      recipients: [...(question.authorId ? [question.authorId] : []), ...followers],
      topic: "answers",
      summary: `${viewer.name} answered “${question.title}”`,
    });
    return { ok: true as const, answer };
  });
}

function getAnswer(question: Question, answerId: number): Answer | undefined {
  return db().select().from(answers).where(and(eq(answers.id, answerId), eq(answers.questionId, question.id))).get();
}

export function editAnswer({ viewer, question, answerId, bodyMd }: { viewer: Viewer; question: Question; answerId: number; bodyMd: string }): Result {
  const a = getAnswer(question, answerId);
  if (!a) return { ok: false, error: "No such answer.", status: 404 };
  if (a.authorId !== viewer.id) return { ok: false, error: "Only its author can edit an answer.", status: 403 };
  if (!bodyMd.trim()) return { ok: false, error: "An answer cannot be empty." };
  if (bodyMd.length > ANSWER_BODY_MAX) return { ok: false, error: `The answer is too long: at most ${ANSWER_BODY_MAX.toLocaleString("en-US")} characters.` };
  const r = render(bodyMd);
  if (!r.ok) return { ok: false, error: r.error };
  if (bodyMd === a.bodyMd) return { ok: true, message: "Nothing changed." };
  writeTransaction((tx) => {
    tx.insert(qaRevisions).values({ kind: "answer", refId: a.id, bodyMd: a.bodyMd, editedById: viewer.id }).run();
    tx.update(answers).set({ bodyMd, bodyHtml: r.html, editedAt: new Date() }).where(eq(answers.id, a.id)).run();
    indexAnswer(question, { id: a.id, bodyHtml: r.html });
  });
  return { ok: true, message: "Answer updated. The earlier text is kept in its history." };
}

export function editQuestion({ viewer, question, title, bodyMd }: { viewer: Viewer; question: Question; title: string; bodyMd: string }): Result {
  if (question.authorId !== viewer.id) return { ok: false, error: "Only the asker can edit a question.", status: 403 };
  const t = title.replace(/\s+/g, " ").trim();
  if (t.length < 8 || t.length > QUESTION_TITLE_MAX) return { ok: false, error: `The title needs 8 to ${QUESTION_TITLE_MAX} characters.` };
  if (!bodyMd.trim() || bodyMd.length > QUESTION_BODY_MAX) return { ok: false, error: "Describe your question (at most 20,000 characters)." };
  const r = render(bodyMd);
  if (!r.ok) return { ok: false, error: r.error };
  if (t === question.title && bodyMd === question.bodyMd) return { ok: true, message: "Nothing changed." };
  writeTransaction((tx) => {
    tx.insert(qaRevisions).values({ kind: "question", refId: question.id, title: question.title, bodyMd: question.bodyMd, editedById: viewer.id }).run();
    const updated = tx.update(questions).set({ title: t, bodyMd, bodyHtml: r.html, editedAt: new Date() }).where(eq(questions.id, question.id)).returning().get();
    indexQuestion(updated);
  });
  return { ok: true, message: "Question updated. The earlier text is kept in its history." };
}

export function commentOnAnswer({ viewer, question, answerId, bodyMd }: { viewer: Viewer & { name: string }; question: Question; answerId: number; bodyMd: string }): Result {
  const a = getAnswer(question, answerId);
  if (!a) return { ok: false, error: "No such answer.", status: 404 };
  if (!bodyMd.trim()) return { ok: false, error: "Write a comment first." };
  if (bodyMd.length > ANSWER_COMMENT_MAX) return { ok: false, error: `Keep comments under ${ANSWER_COMMENT_MAX} characters.` };
  const r = render(bodyMd);
  if (!r.ok) return { ok: false, error: r.error };
  writeTransaction((tx) => {
    tx.insert(answerComments).values({ answerId: a.id, authorId: viewer.id, bodyHtml: r.html }).run();
    if (a.authorId) {
      notify(tx, { ref: { kind: "answer", id: a.id }, event: "answer.commented", actorId: viewer.id, recipients: [a.authorId], topic: "answers", summary: `${viewer.name} commented on your answer to “${question.title}”` });
    }
  });
  return { ok: true, message: "Comment posted." };
}

/**
 * An up-vote (or taking it back). Idempotent: the (answer, member) key makes a second vote a no-op, and the score moves
 * only when a row was really added or removed, in the same transaction. Votes on one's own answer are refused; votes
 * from accounts younger than a week are kept but do not count.
 */
export function setVote({ viewer, question, answerId, up, now = Date.now() }: { viewer: Viewer; question: Question; answerId: number; up: boolean; now?: number }): Result {
  return writeTransaction((tx) => {
    const a = getAnswer(question, answerId);
    if (!a) return { ok: false, error: "No such answer.", status: 404 };
    if (a.authorId === viewer.id) return { ok: false, error: "You cannot vote for your own answer." };
    if (up) {
      const created = tx.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, viewer.id)).get()?.createdAt;
      const counted = !!created && now - created.getTime() >= NEW_ACCOUNT_MS;
      const added = tx.insert(answerVotes).values({ answerId: a.id, userId: viewer.id, counted }).onConflictDoNothing().run().changes;
      if (added && counted) tx.update(answers).set({ score: sql`${answers.score} + 1` }).where(eq(answers.id, a.id)).run();
      return { ok: true, message: counted || !added ? "Thanks for your vote." : "Thanks for your vote. Votes from accounts younger than a week are not counted yet." };
    }
    const removed = tx.delete(answerVotes).where(and(eq(answerVotes.answerId, a.id), eq(answerVotes.userId, viewer.id))).returning({ counted: answerVotes.counted }).all();
    if (removed[0]?.counted) tx.update(answers).set({ score: sql`${answers.score} - 1` }).where(eq(answers.id, a.id)).run();
    return { ok: true, message: "Vote taken back." };
  });
}

/** The asker, an instructor of the seminar or staff accepts one answer (or clears the choice). Idempotent. */
export function acceptAnswer({ viewer, question, answerId }: { viewer: Viewer & { name: string }; question: Question; answerId: number | null }): Result {
  if (question.authorId !== viewer.id && !canManageQuestion(viewer, question)) return { ok: false, error: "Only the asker or an instructor can accept an answer.", status: 403 };
  return writeTransaction((tx) => {
    if (answerId === null) {
      tx.update(questions).set({ acceptedAnswerId: null }).where(eq(questions.id, question.id)).run();
      return { ok: true, message: "The answer is no longer marked as accepted." };
    }
    const a = getAnswer(question, answerId);
    if (!a) return { ok: false, error: "No such answer.", status: 404 };
    const changed = tx
      .update(questions)
      .set({ acceptedAnswerId: a.id })
      .where(and(eq(questions.id, question.id), sql`${questions.acceptedAnswerId} is not ${a.id}`))
      .run().changes;
    if (changed && a.authorId) {
      countActivity(tx, { userId: a.authorId, counter: "answer.accepted", seminarId: question.seminarId });
      notify(tx, { ref: { kind: "answer", id: a.id }, event: "answer.accepted", actorId: viewer.id, recipients: [a.authorId], topic: "answers", summary: `Your answer to “${question.title}” was accepted` });
    }
    return { ok: true, message: "Answer accepted. It is shown first." };
  });
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

/** The asker of a private question says whether instructors may publish it to the seminar, and how. */
export function setShareConsent({ viewer, question, consent }: { viewer: Viewer; question: Question; consent: "none" | "named" | "anonymous" }): Result {
  if (question.authorId !== viewer.id || question.audience !== "private") return { ok: false, error: "Only the asker of a private question can decide this.", status: 403 };
  db().update(questions).set({ shareConsent: consent }).where(eq(questions.id, question.id)).run();
  return { ok: true, message: consent === "none" ? "Your question stays private." : "Thank you. The instructors may now share it with the seminar." };
}

/** An instructor publishes a private question and its answers to the seminar, as the asker consented. */
export function publishToSeminar({ viewer, question }: { viewer: Viewer; question: Question }): Result {
  if (question.audience !== "private" || !canManageQuestion(viewer, question)) return { ok: false, error: "Only the seminar's instructors can publish a private question.", status: 403 };
  if (question.shareConsent === "none") return { ok: false, error: "The asker has not agreed to share this question." };
  writeTransaction((tx) => {
    const updated = tx.update(questions).set({ audience: "seminar", anonymous: question.shareConsent === "anonymous" }).where(eq(questions.id, question.id)).returning().get();
    indexQuestion(updated);
    for (const a of tx.select({ id: answers.id, bodyHtml: answers.bodyHtml }).from(answers).where(eq(answers.questionId, question.id)).all()) indexAnswer(updated, a);
  });
  return { ok: true, message: question.shareConsent === "anonymous" ? "Published to the seminar without the asker's name." : "Published to the seminar." };
}

/**
 * The asker withdraws a question: erased when nobody answered yet, otherwise closed (the answerers' work stays).
 * Staff remove a question outright, answers included.
 */
export function withdrawQuestion({ viewer, question, remove }: { viewer: Viewer; question: Question; remove: boolean }): Result & { erased?: boolean } {
  if (remove) {
    if (viewer.role !== "admin") return { ok: false, error: "Only staff can remove a question.", status: 403 };
    eraseQuestion(question.id);
    return { ok: true, message: "The question and its answers were removed.", erased: true };
  }
  if (question.authorId !== viewer.id && !canManageQuestion(viewer, question)) return { ok: false, error: "Only the asker can withdraw this question.", status: 403 };
  if (question.answerCount === 0 && question.authorId === viewer.id) {
    eraseQuestion(question.id);
    return { ok: true, message: "Your question was deleted.", erased: true };
  }
  db().update(questions).set({ closedAt: new Date() }).where(eq(questions.id, question.id)).run();
  return { ok: true, message: "The question is closed. Its answers stay readable." };
}

function eraseQuestion(id: number) {
  writeTransaction((tx) => {
    const answerIds = tx.select({ id: answers.id }).from(answers).where(eq(answers.questionId, id)).all().map((r) => r.id);
    removeDocuments({ kind: "answer", ids: answerIds });
    removeDocument({ kind: "question", id });
    tx.delete(qaRevisions).where(and(eq(qaRevisions.kind, "question"), eq(qaRevisions.refId, id))).run();
    tx.delete(questions).where(eq(questions.id, id)).run();
  });
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
