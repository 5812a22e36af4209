// Issue #8: a seminar's survey, its questions and the builder's operations.
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { memberships, surveyQuestions, surveyRespondents, surveyResponses, surveys, users, QUESTION_TYPES, type QuestionType } from "../../db/schema";
import { db, writeTransaction } from "./db.server";
import type { Seminar } from "./seminar.server";
import type { Question, QuestionConfig } from "~/utils/survey-question";
import { type QuestionInput, configSchemaFor, listSurveyTemplates, toQuestion } from "./survey-questions.server";

export type Survey = typeof surveys.$inferSelect;
export type { Question, QuestionConfig };
export type SurveyState = "draft" | "scheduled" | "open" | "closed";
export { QUESTION_TYPES, type QuestionType };

export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  rating: "Rating (1–5)",
  matrix: "Matrix of statements (1–5)",
  nps: "Net Promoter (0–10)",
  single: "Single choice",
  multiple: "Multiple choice",
  number: "Number",
  short: "Short text",
  long: "Long text",
};

// ---------- reading ----------

export function getSurveyForSeminar({ seminarId }: { seminarId: number }): Survey | null {
  return db().select().from(surveys).where(eq(surveys.seminarId, seminarId)).get() ?? null;
}

export function listQuestions({ surveyId }: { surveyId: number }): Question[] {
  return db()
    .select()
    .from(surveyQuestions)
    .where(eq(surveyQuestions.surveyId, surveyId))
    .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id))
    .all()
    .map(toQuestion);
}

export function effectiveOpensAt(
  survey: Pick<Survey, "opensMode" | "opensAt">,
  seminar: Pick<Seminar, "endsAt">
): Date {
  return survey.opensMode === "date" && survey.opensAt ? survey.opensAt : seminar.endsAt;
}

export function surveyState(
  survey: Pick<Survey, "opensMode" | "opensAt" | "closesAt" | "publishedAt">,
  seminar: Pick<Seminar, "endsAt">,
  now = new Date()
): SurveyState {
  if (!survey.publishedAt) return "draft";
  if (now >= survey.closesAt) return "closed";
  if (now < effectiveOpensAt(survey, seminar)) return "scheduled";
  return "open";
}

export function countResponses({ surveyId }: { surveyId: number }): number {
  return (
    db().select({ n: count() }).from(surveyRespondents).where(eq(surveyRespondents.surveyId, surveyId)).get()?.n ?? 0
  );
}

export function hasResponses({ surveyId }: { surveyId: number }): boolean {
  return (
    db()
      .select({ one: sql`1` })
      .from(surveyRespondents)
      .where(eq(surveyRespondents.surveyId, surveyId))
      .limit(1)
      .get() !== undefined
  );
}

export function countAttendees({ seminarId }: { seminarId: number }): number {
  return (
    db()
      .select({ n: count() })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.role, "attendee"), eq(users.status, "active")))
      .get()?.n ?? 0
  );
}

export interface Instructor {
  id: number;
  name: string;
}

/** The speakers the per-instructor section repeats for, in name order. */
export function listSurveyInstructors({ seminarId }: { seminarId: number }): Instructor[] {
  return db()
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.seminarId, seminarId), eq(memberships.role, "instructor"), eq(users.status, "active")))
    .orderBy(asc(users.name))
    .all();
}

// ---------- building ----------

export class SurveyLockedError extends Error {
  constructor() {
    super("Answers have arrived, so the questions can no longer change.");
  }
}

function defaultCloses(seminar: Pick<Seminar, "endsAt">, now = new Date()): Date {
  const from = Math.max(seminar.endsAt.getTime(), now.getTime());
  return new Date(from + 30 * 86400_000);
}

export function createSurvey({
  seminar,
  templateId,
  now = new Date(),
}: {
  seminar: Pick<Seminar, "id" | "title" | "endsAt">;
  templateId: string | null;
  now?: Date;
}): Survey {
  const template = templateId ? listSurveyTemplates().find((t) => t.id === templateId) : null;
  if (templateId && !template) throw new Error(`Unknown survey template ${templateId}`);
  return writeTransaction((tx) => {
    const existing = tx.select().from(surveys).where(eq(surveys.seminarId, seminar.id)).get();
    if (existing) return existing;
    const survey = tx
      .insert(surveys)
      .values({
        seminarId: seminar.id,
        title: template ? `${template.title}: ${seminar.title}` : `Feedback: ${seminar.title}`,
        intro: template?.intro ?? "",
        closesAt: defaultCloses(seminar, now),
      })
      .returning()
      .get();
    template?.questions.forEach((q, i) => {
      tx.insert(surveyQuestions)
        .values({
          surveyId: survey.id,
          position: i + 1,
          type: q.type,
          prompt: q.prompt,
          help: q.help,
          required: q.required,
          perInstructor: q.perInstructor,
          config: JSON.stringify(configSchemaFor(q.type).parse(q.config)),
        })
        .run();
    });
    return survey;
  });
}

function assertUnlocked(tx: ReturnType<typeof db>, surveyId: number) {
  const any = tx
    .select({ one: sql`1` })
    .from(surveyRespondents)
    .where(eq(surveyRespondents.surveyId, surveyId))
    .limit(1)
    .get();
  if (any) throw new SurveyLockedError();
}

export function addQuestion({ surveyId, input }: { surveyId: number; input: QuestionInput }): number {
  return writeTransaction((tx) => {
    assertUnlocked(tx, surveyId);
    const last = tx
      .select({ max: sql<number | null>`max(${surveyQuestions.position})` })
      .from(surveyQuestions)
      .where(eq(surveyQuestions.surveyId, surveyId))
      .get();
    return tx
      .insert(surveyQuestions)
      .values({ surveyId, position: (last?.max ?? 0) + 1, ...input, config: JSON.stringify(input.config) })
      .returning({ id: surveyQuestions.id })
      .get().id;
  });
}

export function updateQuestion({
  surveyId,
  questionId,
  input,
}: {
  surveyId: number;
  questionId: number;
  input: QuestionInput;
}): boolean {
  return writeTransaction((tx) => {
    assertUnlocked(tx, surveyId);
    const res = tx
      .update(surveyQuestions)
      .set({ ...input, config: JSON.stringify(input.config) })
      .where(and(eq(surveyQuestions.id, questionId), eq(surveyQuestions.surveyId, surveyId)))
      .run();
    return res.changes === 1;
  });
}

export function deleteQuestion({ surveyId, questionId }: { surveyId: number; questionId: number }): boolean {
  return writeTransaction((tx) => {
    assertUnlocked(tx, surveyId);
    const res = tx
      .delete(surveyQuestions)
      .where(and(eq(surveyQuestions.id, questionId), eq(surveyQuestions.surveyId, surveyId)))
      .run();
    return res.changes === 1;
  });
}

/** Swaps a question with its neighbour above or below; renumbers so positions stay 1..n. */
export function moveQuestion({
  surveyId,
  questionId,
  direction,
}: {
  surveyId: number;
  questionId: number;
  direction: "up" | "down";
}): boolean {
  return writeTransaction((tx) => {
    assertUnlocked(tx, surveyId);
    const ids = tx
      .select({ id: surveyQuestions.id })
      .from(surveyQuestions)
      .where(eq(surveyQuestions.surveyId, surveyId))
      .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id))
      .all()
      .map((r) => r.id);
    const i = ids.indexOf(questionId);
    if (i < 0) return false;
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= ids.length) return true;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    ids.forEach((id, k) =>
      tx
        .update(surveyQuestions)
        .set({ position: k + 1 })
        .where(eq(surveyQuestions.id, id))
        .run()
    );
    return true;
  });
}

export interface SurveySettingsInput {
  title: string;
  intro: string;
  anonymous: boolean;
  opensMode: "seminar-end" | "date";
  opensAt: Date | null;
  closesAt: Date;
  minResponses: number;
  reminderAfterDays: number | null;
}

/**
 * Saves the settings. Once answers exist, anonymity and the results threshold are fixed (changing them would
 * expose people who answered under the old promise); the closing date and reminder may still move.
 */
export function updateSurveySettings({ surveyId, input }: { surveyId: number; input: SurveySettingsInput }) {
  writeTransaction((tx) => {
    const locked = !!tx
      .select({ one: sql`1` })
      .from(surveyRespondents)
      .where(eq(surveyRespondents.surveyId, surveyId))
      .limit(1)
      .get();
    const { anonymous, minResponses, opensMode, opensAt, ...rest } = input;
    // Reopening (a later closing date) re-arms the erasure of respondent keys at the new close.
    const always = { ...rest, ...(rest.closesAt > new Date() ? { keysErasedAt: null } : {}) };
    tx.update(surveys)
      .set(locked ? always : { ...always, anonymous, minResponses, opensMode, opensAt })
      .where(eq(surveys.id, surveyId))
      .run();
  });
}

export function setPublished({
  surveyId,
  published,
  now = new Date(),
}: {
  surveyId: number;
  published: boolean;
  now?: Date;
}) {
  writeTransaction((tx) => {
    if (!published) assertUnlocked(tx, surveyId);
    tx.update(surveys)
      .set({ publishedAt: published ? now : null })
      .where(published ? and(eq(surveys.id, surveyId), isNull(surveys.publishedAt)) : eq(surveys.id, surveyId))
      .run();
  });
}

/** Deletes a survey that has no answers yet (to start over, e.g. from a template). */
export function deleteSurvey({ surveyId }: { surveyId: number }) {
  writeTransaction((tx) => {
    assertUnlocked(tx, surveyId);
    tx.delete(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).run();
    tx.delete(surveys).where(eq(surveys.id, surveyId)).run();
  });
}
