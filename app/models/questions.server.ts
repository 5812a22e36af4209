// Issue #14: expert answers. Members ask in a seminar, privately to its instructors, or to the whole network; matching
// experts are told (question-routing.server.ts), answers are voted on and one is accepted (answers.server.ts). Who may
// see a question is decided in question-kinds.server.ts (registered in item-kinds.server.ts) and every page, search
// hit and notification uses it. This file: asking, editing, consent and publishing, closing and removing.
import { and, eq, gt, sql } from "drizzle-orm";
import { answers, qaRevisions, questionFollows, questionRoutes, questions, seminars, type QuestionAudience } from "../../db/schema";
import { recordActivity } from "./activity.server";
import { countActivity } from "./counts.server";
import { db, prepared, writeTransaction } from "./db.server";
import type { Viewer } from "./items.server";
import { notify } from "./notifications.server";
import { controlledLists } from "./profile-write.server";
import { canManageQuestion, mayView, membershipsOf, questionPath, topicsOf } from "./question-kinds.server";
import { claimPendingAttachment, storedNamesOf } from "./question-attachments.server";
import { expertsFor, followersOf, instructorIds } from "./question-routing.server";
import { indexDocument, removeDocument, removeDocuments } from "./search.server";
import { htmlToText, tryRenderMarkdown } from "~/services/markdown.server";
import { removeStoredFile } from "~/services/uploads.server";
import { env } from "~/utils/env.server";

export { canManageQuestion, questionPath, topicsOf };

export type Question = typeof questions.$inferSelect;
export type Answer = typeof answers.$inferSelect;

export { ANSWER_BODY_MAX, ANSWER_COMMENT_MAX, MAX_TOPICS, QUESTION_BODY_MAX, QUESTION_TITLE_MAX } from "~/utils/questions";
import { MAX_TOPICS, QUESTION_BODY_MAX, QUESTION_TITLE_MAX } from "~/utils/questions";
/** Votes from accounts younger than this are kept but not counted. */
export const NEW_ACCOUNT_MS = 7 * 86400_000;
/** Bursts: at most this many questions / answers per member in BURST_WINDOW_MS. */
export const QUESTION_BURST = 5;
export const ANSWER_BURST = 12;
export const BURST_WINDOW_MS = 10 * 60_000;

export function render(md: string) {
  return tryRenderMarkdown(md, { siteOrigin: new URL(env().APP_URL).origin });
}

/** The question if this viewer may see it; undefined otherwise (callers answer 404). */
export function getVisibleQuestion({ viewer, id }: { viewer: Viewer; id: number }): Question | undefined {
  const q = prepared("questions.byId", (d) => d.select().from(questions).where(eq(questions.id, sql.placeholder("id"))).prepare()).get({ id });
  if (!q) return undefined;
  return mayView(viewer, q, () => membershipsOf(viewer.id)) ? q : undefined;
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

export function recentCount(table: typeof questions | typeof answers, authorId: number, now: number): number {
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

export function indexAnswer(q: Question, a: Pick<Answer, "id" | "bodyHtml">) {
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

export function createQuestion({
  viewer,
  seminar,
  input,
  pendingAttachmentId,
  now = Date.now(),
}: {
  viewer: Viewer & { name: string };
  /** The seminar asked in; null for a network question. */
  seminar: { id: number; slug: string; title: string } | null;
  input: QuestionInput;
  /** A file the asker uploaded with this form earlier (kept while the form was shown again); attached in the same transaction. */
  pendingAttachmentId?: number | null;
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
    if (pendingAttachmentId) claimPendingAttachment(tx, { questionId: question.id, uploaderId: viewer.id, id: pendingAttachmentId });
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

export type Result = { ok: true; message: string } | { ok: false; error: string; status?: number };

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
  const files = storedNamesOf({ questionId: id });
  writeTransaction((tx) => {
    const answerIds = tx.select({ id: answers.id }).from(answers).where(eq(answers.questionId, id)).all().map((r) => r.id);
    removeDocuments({ kind: "answer", ids: answerIds });
    removeDocument({ kind: "question", id });
    tx.delete(qaRevisions).where(and(eq(qaRevisions.kind, "question"), eq(qaRevisions.refId, id))).run();
    tx.delete(questions).where(eq(questions.id, id)).run();
  });
  // The rows went with the question; their files follow (a crash here leaves unreachable files, never a lost row).
  for (const f of files) void removeStoredFile("questions", f);
}
