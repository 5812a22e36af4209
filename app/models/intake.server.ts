// Issue #16: intake questions (at most ten per seminar), the members' answers, and their summary for the instructors'
// audience brief and roster CSV. Answers are read only through intakeSummary/intakeColumns, which the routes call
// after requireSeminarRole(…, "instructor"): instructors of the seminar and staff, nobody else.
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { enrolments, intakeAnswers, intakeQuestions, memberships, users } from "../../db/schema";
import { MAX_INTAKE_QUESTIONS } from "~/utils/catalogue";
import { db, writeTransaction } from "./db.server";

export type IntakeKind = "text" | "choice" | "multiple";
export interface IntakeQuestion {
  id: number;
  prompt: string;
  kind: IntakeKind;
  options: string[];
  required: boolean;
}

export function listIntakeQuestions({ seminarId }: { seminarId: number }): IntakeQuestion[] {
  return db()
    .select()
    .from(intakeQuestions)
    .where(eq(intakeQuestions.seminarId, seminarId))
    .orderBy(asc(intakeQuestions.position), asc(intakeQuestions.id))
    .all()
    .map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: JSON.parse(q.options) as string[], required: q.required }));
}

// --- the editor ------------------------------------------------------------------------------------------------

const QuestionRowSchema = z
  .object({
    id: z.coerce.number().int().positive().optional(),
    prompt: z.string().trim().max(300, "Keep the question under 300 characters.").default(""),
    kind: z.enum(["text", "choice", "multiple"]).default("text"),
    options: z.string().max(3000, "Keep the choices under 3,000 characters.").default(""),
    required: z.literal("on").optional(),
    remove: z.literal("on").optional(),
  })
  .superRefine((q, ctx) => {
    if (q.remove || !q.prompt) return;
    const options = splitOptions(q.options);
    if (q.kind !== "text" && options.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "Give at least two choices, one per line." });
    if (options.length > 20) ctx.addIssue({ code: "custom", path: ["options"], message: "Give at most 20 choices." });
    if (options.some((o) => o.length > 120)) ctx.addIssue({ code: "custom", path: ["options"], message: "Keep each choice under 120 characters." });
  });

export const IntakeQuestionsSchema = z.object({
  q: z
    .array(QuestionRowSchema)
    .default([])
    .refine((rows) => rows.filter((r) => r.prompt && !r.remove).length <= MAX_INTAKE_QUESTIONS, `Ask at most ${MAX_INTAKE_QUESTIONS} questions.`),
});

export function splitOptions(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((o) => o.trim()).filter(Boolean))];
}

/**
 * Saves the whole list at once: rows keep their ids (answers stay attached), empty or removed rows are deleted
 * (with their answers), new rows are added, and the order is the order on the form.
 */
export function saveIntakeQuestions({ seminarId, rows }: { seminarId: number; rows: z.infer<typeof IntakeQuestionsSchema>["q"] }) {
  writeTransaction((tx) => {
    const existing = new Set(
      tx.select({ id: intakeQuestions.id }).from(intakeQuestions).where(eq(intakeQuestions.seminarId, seminarId)).all().map((r) => r.id),
    );
    const kept = new Set<number>();
    let position = 0;
    for (const r of rows) {
      if (!r.prompt || r.remove) continue;
      const values = {
        prompt: r.prompt,
        kind: r.kind,
        options: JSON.stringify(r.kind === "text" ? [] : splitOptions(r.options)),
        required: r.required === "on",
        position: position++,
      };
      if (r.id && existing.has(r.id)) {
        tx.update(intakeQuestions).set(values).where(eq(intakeQuestions.id, r.id)).run();
        kept.add(r.id);
      } else {
        tx.insert(intakeQuestions).values({ seminarId, ...values }).run();
      }
    }
    const gone = [...existing].filter((id) => !kept.has(id));
    if (gone.length) tx.delete(intakeQuestions).where(and(eq(intakeQuestions.seminarId, seminarId), inArray(intakeQuestions.id, gone))).run();
  });
}

// --- the member's answers --------------------------------------------------------------------------------------

/** A schema for one seminar's answer form: field `a<id>` per question (several values for "multiple"). */
export function intakeAnswersSchema(questions: IntakeQuestion[]) {
  const shape: Record<string, z.ZodType> = { shareName: z.literal("on").optional() };
  for (const q of questions) {
    const key = `a${q.id}`;
    if (q.kind === "text") {
      const base = z.string().trim().max(2000, "Keep your answer under 2,000 characters.");
      shape[key] = q.required ? base.min(1, "Please answer this question.") : base.optional();
    } else if (q.kind === "choice") {
      const base = z.enum(q.options as [string, ...string[]], { error: "Choose one of the answers." });
      shape[key] = q.required ? base : base.optional();
    } else {
      const arr = z.preprocess(
        (v) => (v === undefined ? [] : [v].flat()),
        z.array(z.enum(q.options as [string, ...string[]], { error: "Choose from the answers given." })),
      );
      shape[key] = q.required ? arr.refine((a) => a.length > 0, "Choose at least one answer.") : arr;
    }
  }
  return z.object(shape);
}

export function myIntakeAnswers({ seminarId, userId }: { seminarId: number; userId: number }) {
  const rows = db()
    .select({ questionId: intakeAnswers.questionId, value: intakeAnswers.value })
    .from(intakeAnswers)
    .where(and(eq(intakeAnswers.seminarId, seminarId), eq(intakeAnswers.userId, userId)))
    .all();
  const share = db()
    .select({ shareName: enrolments.shareName })
    .from(enrolments)
    .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
    .get();
  return { answers: Object.fromEntries(rows.map((r) => [r.questionId, decode(r.value)])) as Record<number, string | string[]>, shareName: share?.shareName ?? false };
}

function decode(value: string): string | string[] {
  return value.startsWith("[") ? (JSON.parse(value) as string[]) : value;
}

/** Stores the member's answers (replacing earlier ones) and whether instructors may see their name beside them. */
export function saveIntakeAnswers({
  seminarId,
  userId,
  questions,
  values,
}: {
  seminarId: number;
  userId: number;
  questions: IntakeQuestion[];
  values: Record<string, unknown>;
}) {
  writeTransaction((tx) => {
    const now = new Date();
    for (const q of questions) {
      const v = values[`a${q.id}`];
      const empty = v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
      const where = and(eq(intakeAnswers.questionId, q.id), eq(intakeAnswers.userId, userId));
      if (empty) {
        tx.delete(intakeAnswers).where(where).run();
        continue;
      }
      // Free text never starts with "[" in storage: a leading bracket is escaped by a space so it cannot read as a list.
      const value = Array.isArray(v) ? JSON.stringify(v) : String(v).replace(/^\[/, " [");
      tx.insert(intakeAnswers)
        .values({ questionId: q.id, userId, seminarId, value, updatedAt: now })
        .onConflictDoUpdate({ target: [intakeAnswers.questionId, intakeAnswers.userId], set: { value, updatedAt: now } })
        .run();
    }
    const shareName = values.shareName === "on";
    tx.update(enrolments)
      .set({ shareName })
      .where(and(eq(enrolments.seminarId, seminarId), eq(enrolments.userId, userId)))
      .run();
  });
}

// --- for instructors and staff -----------------------------------------------------------------------------------

export interface IntakeSummaryItem {
  id: number;
  prompt: string;
  kind: IntakeKind;
  answered: number;
  counts: { label: string; count: number }[];
  texts: { text: string; by: string | null }[];
}

interface AttendeeAnswer {
  userId: number;
  name: string;
  shareName: boolean;
  questionId: number;
  value: string;
}

/** The answers of the seminar's current attendees (not of people on the waitlist or who left). */
function attendeeAnswers(seminarId: number): AttendeeAnswer[] {
  return db()
    .select({
      userId: intakeAnswers.userId,
      name: users.name,
      shareName: enrolments.shareName,
      questionId: intakeAnswers.questionId,
      value: intakeAnswers.value,
    })
    .from(intakeAnswers)
    .innerJoin(memberships, and(eq(memberships.seminarId, intakeAnswers.seminarId), eq(memberships.userId, intakeAnswers.userId)))
    .innerJoin(users, eq(users.id, intakeAnswers.userId))
    .leftJoin(enrolments, and(eq(enrolments.seminarId, intakeAnswers.seminarId), eq(enrolments.userId, intakeAnswers.userId)))
    .where(and(eq(intakeAnswers.seminarId, seminarId), eq(memberships.role, "attendee"), eq(users.status, "active")))
    .all()
    .map((r) => ({ ...r, shareName: r.shareName ?? false }));
}

/** Counts for choices, the free-text answers as a list (named only where the member allowed it). */
export function intakeSummary({ seminarId }: { seminarId: number }): IntakeSummaryItem[] {
  const questions = listIntakeQuestions({ seminarId });
  const answers = attendeeAnswers(seminarId);
  return questions.map((q) => {
    const mine = answers.filter((a) => a.questionId === q.id);
    if (q.kind === "text") {
      return {
        id: q.id,
        prompt: q.prompt,
        kind: q.kind,
        answered: mine.length,
        counts: [],
        texts: mine
          .map((a) => ({ text: String(decode(a.value)).trim(), by: a.shareName ? a.name : null }))
          .sort((x, y) => x.text.localeCompare(y.text)),
      };
    }
    const counts = new Map(q.options.map((o) => [o, 0]));
    for (const a of mine) for (const v of [decode(a.value)].flat()) if (counts.has(v)) counts.set(v, counts.get(v)! + 1);
    return {
      id: q.id,
      prompt: q.prompt,
      kind: q.kind,
      answered: mine.length,
      counts: [...counts].map(([label, count]) => ({ label, count })),
      texts: [],
    };
  });
}

/** Extra roster-CSV columns: one per question, each attendee's answer (choices joined with "; "). */
export function intakeColumns({ seminarId }: { seminarId: number }): { headers: string[]; byUser: Map<number, string[]> } {
  const questions = listIntakeQuestions({ seminarId });
  const byUser = new Map<number, string[]>();
  for (const a of attendeeAnswers(seminarId)) {
    const i = questions.findIndex((q) => q.id === a.questionId);
    if (i < 0) continue;
    const row = byUser.get(a.userId) ?? questions.map(() => "");
    row[i] = [decode(a.value)].flat().join("; ").trim();
    byUser.set(a.userId, row);
  }
  return { headers: questions.map((q) => q.prompt), byUser };
}
