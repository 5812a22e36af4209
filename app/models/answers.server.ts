// Issue #14: answers to a question: the page's list (accepted first), posting and editing with history, comments,
// up-votes that cannot be gamed, and accepting one answer.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { answerComments, answerVotes, answers, qaRevisions, questionFollows, questions, users } from "../../db/schema";
import { countActivity } from "./counts.server";
import { db, inIdList, prepared, writeTransaction } from "./db.server";
import type { Viewer } from "./items.server";
import { notifyMentions } from "./mentions.server";
import { notify } from "./notifications.server";
import { canManageQuestion } from "./question-kinds.server";
import { followersOf } from "./question-routing.server";
import { ANSWER_BODY_MAX, ANSWER_BURST, ANSWER_COMMENT_MAX, indexAnswer, NEW_ACCOUNT_MS, recentCount, render, type Answer, type Question, type Result } from "./questions.server";

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

export function revisionCount({ kind, refId }: { kind: "question" | "answer"; refId: number }): number {
  return db().select({ n: sql<number>`count(*)` }).from(qaRevisions).where(and(eq(qaRevisions.kind, kind), eq(qaRevisions.refId, refId))).get()?.n ?? 0;
}

export function listRevisions({ kind, refId }: { kind: "question" | "answer"; refId: number }) {
  return db().select().from(qaRevisions).where(and(eq(qaRevisions.kind, kind), eq(qaRevisions.refId, refId))).orderBy(desc(qaRevisions.createdAt), desc(qaRevisions.id)).all();
}

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
    const told = [...(question.authorId ? [question.authorId] : []), ...followers];
    notify(tx, {
      ref: { kind: "answer", id: answer.id },
      event: "answer.posted",
      actorId: viewer.id,
      recipients: told,
      topic: "answers",
      summary: `${viewer.name} answered “${question.title}”`,
    });
    // `@name` in the answer: the same rule as posts and comments (notify() drops who may not see the question).
    notifyMentions(tx, { ref: { kind: "answer", id: answer.id }, seminarId: mentionScope(question), actorId: viewer.id, markdown: bodyMd, exclude: told });
    return { ok: true as const, answer };
  });
}

/** Whose names `@name` is matched against: the seminar's members, or every member for a network question. */
function mentionScope(question: Question): number | null {
  return question.audience === "network" ? null : question.seminarId;
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
    notifyMentions(tx, { ref: { kind: "answer", id: a.id }, seminarId: mentionScope(question), actorId: viewer.id, markdown: bodyMd, previous: a.bodyMd });
    indexAnswer(question, { id: a.id, bodyHtml: r.html });
  });
  return { ok: true, message: "Answer updated. The earlier text is kept in its history." };
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
    notifyMentions(tx, { ref: { kind: "answer", id: a.id }, seminarId: mentionScope(question), actorId: viewer.id, markdown: bodyMd, exclude: a.authorId ? [a.authorId] : [] });
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
