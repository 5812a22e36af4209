// Issue #8: answering a survey. Validation of the answer form, storing a response once per person, and
// finding it again to change it while the survey is open, without linking anonymous answers to the person.
import { and, eq, sql } from "drizzle-orm";
import { createHmac, randomInt } from "node:crypto";
import { surveyRespondents, surveyResponses, surveys } from "../../db/schema";
import { env } from "~/utils/env.server";
import { db, prepared, writeTransaction } from "./db.server";
import type { Seminar } from "./seminar.server";
import { surveyState, type Instructor, type Question, type Survey } from "./survey.server";

export type MultipleAnswer = { choices: string[]; other: string };
export type AnswerValue = number | string | (number | null)[] | MultipleAnswer;
export type Answers = Record<string, AnswerValue>;
/** What the person typed, by form field name, so an error never loses it. */
export type RawValues = Record<string, string | string[]>;

export const SHORT_MAX = 200;
export const LONG_MAX = 5000;

/** The answer key of a question, per instructor for the repeating section. */
export function answerKey(q: Pick<Question, "id">, instructorId?: number | null): string {
  return instructorId ? `${q.id}:${instructorId}` : String(q.id);
}

/** The form field (group) name of a question instance; matrix statements add `_s<n>`, "other" adds `_other`. */
export function fieldName(q: Pick<Question, "id">, instructorId?: number | null): string {
  return instructorId ? `q${q.id}_i${instructorId}` : `q${q.id}`;
}

export interface QuestionInstance {
  question: Question;
  instructor: Instructor | null;
  key: string;
  field: string;
}

/** Every question as asked: per-instructor questions once for each instructor. */
export function questionInstances(questions: Question[], instructors: Instructor[]): QuestionInstance[] {
  const out: QuestionInstance[] = [];
  for (const q of questions) {
    if (q.perInstructor) {
      for (const i of instructors)
        out.push({ question: q, instructor: i, key: answerKey(q, i.id), field: fieldName(q, i.id) });
    } else {
      out.push({ question: q, instructor: null, key: answerKey(q), field: fieldName(q) });
    }
  }
  return out;
}

// "goto" moves between the survey's pages (issue #22); it is a control, not an answer.
const CONTROL_FIELDS = new Set(["surveyId", "intent", "goto"]);

export interface ParsedAnswerForm {
  answers: Answers;
  /** Field (group) name → message shown next to that question. */
  errors: Record<string, string>;
  formError: string | null;
  values: RawValues;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? undefined : v);

/**
 * Validates an answer form against the survey. Nothing outside the survey's own fields is accepted: unknown
 * fields, a value twice for a single-valued question, values off the scale, or choices that do not exist
 * produce an error and no answers are saved. `values` are the answers as sent (the route parses the form);
 * `sentKeys` every field name the form carried, so fields outside the survey are refused.
 */
export function checkAnswers(questions: Question[], instructors: Instructor[], values: RawValues, sentKeys: string[]): ParsedAnswerForm {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  const allowed = new Set(CONTROL_FIELDS);
  const instances = questionInstances(questions, instructors);

  for (const inst of instances) {
    const { question: q, field } = inst;
    const fail = (message: string) => (errors[field] ??= message);
    if (q.type === "matrix") {
      const statements = q.config.statements ?? [];
      const row: (number | null)[] = [];
      statements.forEach((_, s) => {
        const name = `${field}_s${s}`;
        allowed.add(name);
        const raw = values[name];
        const v = one(raw);
        if (raw !== undefined && v === undefined) return void fail("Give one rating per statement.");
        if (!v) return void row.push(null);
        if (!/^[1-5]$/.test(v)) return void fail("Ratings go from 1 to 5.");
        row.push(Number(v));
      });
      const answered = row.filter((x) => x !== null).length;
      if (errors[field]) continue;
      if (q.required && answered < statements.length) fail("Please rate every statement.");
      else if (answered > 0) answers[inst.key] = row;
      continue;
    }
    allowed.add(field);
    const raw = values[field];
    if (q.type === "multiple") {
      const picked = raw === undefined ? [] : [raw].flat().filter((x) => x !== "");
      const choices = q.config.choices ?? [];
      let other = "";
      if (q.config.allowOther) {
        allowed.add(`${field}_other`);
        const o = values[`${field}_other`];
        if (Array.isArray(o)) fail("Give one “other” answer.");
        other = (one(o) ?? "").trim();
        if (other.length > SHORT_MAX) fail(`Keep “other” under ${SHORT_MAX} characters.`);
      }
      if (picked.some((p) => !choices.includes(p))) fail("Choose from the listed options.");
      else if (new Set(picked).size !== picked.length) fail("Each option can be chosen once.");
      if (errors[field]) continue;
      if (picked.length === 0 && !other) {
        if (q.required) fail("Please choose at least one option.");
        continue;
      }
      answers[inst.key] = { choices: choices.filter((c) => picked.includes(c)), other };
      continue;
    }
    if (Array.isArray(raw)) {
      fail("Give one answer to this question.");
      continue;
    }
    const v = (raw ?? "").trim();
    if (!v) {
      if (q.required)
        fail(q.type === "short" || q.type === "long" ? "Please answer this question." : "Please choose an answer.");
      continue;
    }
    switch (q.type) {
      case "rating":
        if (!/^[1-5]$/.test(v)) fail("Choose a rating from 1 to 5.");
        else answers[inst.key] = Number(v);
        break;
      case "nps":
        if (!/^(10|[0-9])$/.test(v)) fail("Choose a number from 0 to 10.");
        else answers[inst.key] = Number(v);
        break;
      case "single":
        if (!(q.config.choices ?? []).includes(v)) fail("Choose one of the listed options.");
        else answers[inst.key] = v;
        break;
      case "number": {
        const n = /^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/.test(v) ? Number(v.replace(",", ".")) : NaN;
        const { min, max, integer } = q.config;
        const range =
          min != null && max != null
            ? ` between ${min} and ${max}`
            : min != null
            ? ` of at least ${min}`
            : max != null
            ? ` of at most ${max}`
            : "";
        if (!Number.isFinite(n)) fail(`Enter a number${range}, in digits.`);
        else if (integer && !Number.isInteger(n)) fail(`Enter a whole number${range}.`);
        else if ((min != null && n < min) || (max != null && n > max)) fail(`Enter a number${range}.`);
        else answers[inst.key] = n;
        break;
      }
      case "short":
        if (v.length > SHORT_MAX) fail(`Keep this answer under ${SHORT_MAX} characters (it has ${v.length}).`);
        else answers[inst.key] = v;
        break;
      case "long":
        if (v.length > LONG_MAX) fail(`Keep this answer under ${LONG_MAX} characters (it has ${v.length}).`);
        else answers[inst.key] = v;
        break;
    }
  }
  // Keys of the sent form (file parts included), so nothing outside the survey's own fields slips through.
  const extra = [...new Set(sentKeys)].filter((k) => !allowed.has(k));
  const formError = extra.length
    ? "The form contained fields that are not part of this survey, so nothing was saved. Please reload the survey and answer again."
    : Object.keys(errors).length
    ? `Please check ${
        Object.keys(errors).length === 1
          ? "the highlighted answer"
          : `the ${Object.keys(errors).length} highlighted answers`
      }: nothing was saved yet.`
    : null;
  return { answers, errors, formError, values };
}

/** The form values to pre-fill from stored answers (for changing them). */
export function answersToValues(questions: Question[], instructors: Instructor[], answers: Answers): RawValues {
  const values: RawValues = {};
  for (const inst of questionInstances(questions, instructors)) {
    const a = answers[inst.key];
    if (a === undefined) continue;
    if (inst.question.type === "matrix" && Array.isArray(a)) {
      a.forEach((x, s) => {
        if (x !== null) values[`${inst.field}_s${s}`] = String(x);
      });
    } else if (inst.question.type === "multiple" && typeof a === "object" && !Array.isArray(a)) {
      values[inst.field] = a.choices;
      if (a.other) values[`${inst.field}_other`] = a.other;
    } else {
      values[inst.field] = String(a);
    }
  }
  return values;
}

/**
 * The per-respondent secret that finds a response again without storing who wrote it.
 *
 * Why an HMAC: a stored user id (or a plain hash of it, which anyone can recompute from the small set of member
 * ids) would link the answers to the person for whoever reads the table: instructors through any future export,
 * an operator looking at the file, a leaked backup. HMAC-SHA256 keyed with a key derived from SESSION_SECRET
 * (domain-separated, so it is never the raw cookie-signing secret) cannot be recomputed from the database alone.
 *
 * Limits, accepted deliberately: someone who holds BOTH the database and SESSION_SECRET could recompute the key
 * for every member. We narrow that window: the key is only needed while answers may still change, so the periodic
 * task erases every respondent_key of an anonymous survey once it closes (eraseClosedSurveyKeys), after which no
 * secret links answers to people. Responses carry no timestamps and random ids, so the separate
 * survey_respondents record (who answered) cannot be lined up with them by order or time either.
 * Rotating SESSION_SECRET while a survey is open means earlier respondents stay counted and their answers kept,
 * but they can no longer change them.
 */
export function respondentKey(surveyId: number, userId: number): string {
  const key = createHmac("sha256", env().SESSION_SECRET).update("colloquy/survey-respondent-key/v1").digest();
  return createHmac("sha256", key).update(`${surveyId}:${userId}`).digest("base64url");
}

/** A random 48-bit id: unrelated to insertion order, so rowids cannot be correlated with who answered when. */
function randomResponseId(): number {
  return randomInt(1, 2 ** 48);
}

export function hasAnswered({ surveyId, userId }: { surveyId: number; userId: number }): boolean {
  return !!prepared("survey.hasAnswered", (d) =>
    d
      .select({ userId: surveyRespondents.userId })
      .from(surveyRespondents)
      .where(and(eq(surveyRespondents.surveyId, sql.placeholder("surveyId")), eq(surveyRespondents.userId, sql.placeholder("userId"))))
      .prepare(),
  ).get({ surveyId, userId });
}

/** The person's own stored answers, found through their respondent key; null if they have not answered. */
export function getMyAnswers({ survey, userId }: { survey: Pick<Survey, "id">; userId: number }): Answers | null {
  if (!hasAnswered({ surveyId: survey.id, userId })) return null;
  const row = db()
    .select({ answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(
      and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.respondentKey, respondentKey(survey.id, userId)))
    )
    .get();
  return row ? (JSON.parse(row.answers) as Answers) : {};
}

export type SubmitResult =
  | { ok: true; created: boolean }
  | { ok: false; reason: "not-open" | "already-answered" | "not-found" };

/**
 * Stores a response (intent "submit") or changes the person's existing one (intent "update"), in one transaction.
 * A repeated "submit" (double click, resent form) is refused instead of creating a second response.
 */
export function saveResponse({
  survey,
  seminar,
  userId,
  answers,
  intent,
  now = new Date(),
}: {
  survey: Survey;
  seminar: Pick<Seminar, "endsAt">;
  userId: number;
  answers: Answers;
  intent: "submit" | "update";
  now?: Date;
}): SubmitResult {
  return writeTransaction((tx) => {
    const fresh = tx.select().from(surveys).where(eq(surveys.id, survey.id)).get();
    if (!fresh || surveyState(fresh, seminar, now) !== "open") return { ok: false, reason: "not-open" };
    const key = respondentKey(survey.id, userId);
    const answered = tx
      .select({ userId: surveyRespondents.userId })
      .from(surveyRespondents)
      .where(and(eq(surveyRespondents.surveyId, survey.id), eq(surveyRespondents.userId, userId)))
      .get();
    const json = JSON.stringify(answers);
    if (answered) {
      if (intent === "submit") return { ok: false, reason: "already-answered" };
      const res = tx
        .update(surveyResponses)
        .set({ answers: json })
        .where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.respondentKey, key)))
        .run();
      return res.changes === 1 ? { ok: true, created: false } : { ok: false, reason: "not-found" };
    }
    tx.insert(surveyResponses)
      .values({
        id: randomResponseId(),
        surveyId: survey.id,
        userId: fresh.anonymous ? null : userId,
        respondentKey: key,
        answers: json,
      })
      .run();
    tx.insert(surveyRespondents).values({ surveyId: survey.id, userId }).run();
    return { ok: true, created: true };
  });
}

/** After an anonymous survey closes nobody may change answers, so the only link-capable secret is erased. */
export function eraseRespondentKeys(tx: ReturnType<typeof db>, surveyId: number) {
  tx.update(surveyResponses).set({ respondentKey: null }).where(eq(surveyResponses.surveyId, surveyId)).run();
}

export interface SurveyTask {
  href: string;
  title: string;
  /** ISO instant the survey closes. */
  closesAt: string;
}

/**
 * For the micro-site home: the survey an attendee still has to answer, or null (not an attendee, no open
 * survey, or already answered). Cheap: two indexed lookups.
 */
export function surveyTaskFor({
  seminar,
  userId,
  role,
  now = new Date(),
}: {
  seminar: Pick<Seminar, "id" | "slug" | "endsAt">;
  userId: number;
  role: "instructor" | "attendee" | null;
  now?: Date;
}): SurveyTask | null {
  if (role !== "attendee") return null;
  const survey = prepared("survey.bySeminar", (d) =>
    d.select().from(surveys).where(eq(surveys.seminarId, sql.placeholder("seminarId"))).prepare(),
  ).get({ seminarId: seminar.id });
  if (!survey || surveyState(survey, seminar, now) !== "open") return null;
  if (hasAnswered({ surveyId: survey.id, userId })) return null;
  return { href: `/s/${seminar.slug}/survey`, title: survey.title, closesAt: survey.closesAt.toISOString() };
}
