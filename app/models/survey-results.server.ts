// Issue #8: survey results. The aggregation is pure (answers in, numbers out) so it is tested on known answer
// sets; loading and the anonymity threshold live here too, and the CSV export.
import { desc, eq, isNotNull } from "drizzle-orm";
import { csvCell, defuseFormula } from "~/utils/text-formats";
import { seminars, surveyRespondents, surveyResponses, surveys } from "../../db/schema";
import { db } from "./db.server";
import { memberNames } from "./profile.server";
import { questionInstances, type Answers, type MultipleAnswer } from "./survey-response.server";
import { countAttendees, countResponses, listQuestions, listSurveyInstructors, surveyState, type Instructor, type Question, type Survey, type SurveyState } from "./survey.server";
import type { Bar, QuestionResult } from "~/utils/survey-result-types";

export type { Bar, QuestionResult };

export interface InstanceResult {
  key: string;
  question: Question;
  instructor: Instructor | null;
  result: QuestionResult;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (part: number, whole: number) => (whole ? round((100 * part) / whole, 1) : 0);
const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 2) : null);
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : round((s[mid - 1]! + s[mid]!) / 2, 2);
}
function bars(values: number[], from: number, to: number, labels: Record<number, string> = {}): Bar[] {
  const out: Bar[] = [];
  for (let v = from; v <= to; v++) {
    const count = values.filter((x) => x === v).length;
    out.push({ label: labels[v] ?? String(v), count, percent: pct(count, values.length) });
  }
  return out;
}

/** Net Promoter Score: % promoters (9–10) minus % detractors (0–6), rounded to a whole number, −100…100. */
export function npsScore(values: number[]): {
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
} {
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  const passives = values.length - promoters - detractors;
  const score = values.length ? Math.round((100 * (promoters - detractors)) / values.length) : null;
  return { score, promoters, passives, detractors };
}

export function aggregateQuestion(q: Question, raw: unknown[]): QuestionResult {
  const present = raw.filter((a) => a !== undefined && a !== null);
  const nums = present.filter((a): a is number => typeof a === "number");
  const low = q.config.lowLabel ?? "";
  const high = q.config.highLabel ?? "";
  switch (q.type) {
    case "rating":
      return {
        kind: "scale",
        n: nums.length,
        mean: mean(nums),
        median: median(nums),
        bars: bars(nums, 1, 5, { 1: `1 ${low}`.trim(), 5: `5 ${high}`.trim() }),
        lowLabel: low,
        highLabel: high,
      };
    case "matrix": {
      const rows = present.filter((a): a is (number | null)[] => Array.isArray(a));
      const statements = (q.config.statements ?? []).map((statement, i) => {
        const xs = rows.map((r) => r[i]).filter((x): x is number => typeof x === "number");
        return {
          statement,
          n: xs.length,
          mean: mean(xs),
          // "Top-two box": the share who chose 4 or 5 (agree / strongly agree).
          topTwoPercent: xs.length ? pct(xs.filter((x) => x >= 4).length, xs.length) : null,
          bars: bars(xs, 1, 5, { 1: `1 ${low}`.trim(), 5: `5 ${high}`.trim() }),
        };
      });
      // The overall mean pools every rating given (each statement rating counts once), not a mean of means.
      const pooled = rows.flatMap((r) => r.filter((x): x is number => typeof x === "number"));
      return { kind: "matrix", n: rows.length, overallMean: mean(pooled), lowLabel: low, highLabel: high, statements };
    }
    case "nps":
      return { kind: "nps", n: nums.length, ...npsScore(nums), mean: mean(nums), bars: bars(nums, 0, 10) };
    case "single": {
      const xs = present.filter((a): a is string => typeof a === "string");
      return {
        kind: "choice",
        n: xs.length,
        multiple: false,
        bars: (q.config.choices ?? []).map((c) => {
          const count = xs.filter((x) => x === c).length;
          return { label: c, count, percent: pct(count, xs.length) };
        }),
        other: [],
      };
    }
    case "multiple": {
      const xs = present.filter((a): a is MultipleAnswer => typeof a === "object" && !Array.isArray(a));
      const other = xs
        .map((x) => x.other)
        .filter(Boolean)
        .sort((a, b) => a.localeCompare(b));
      const out: Bar[] = (q.config.choices ?? []).map((c) => {
        const count = xs.filter((x) => x.choices.includes(c)).length;
        return { label: c, count, percent: pct(count, xs.length) };
      });
      if (q.config.allowOther) out.push({ label: "Other", count: other.length, percent: pct(other.length, xs.length) });
      return { kind: "choice", n: xs.length, multiple: true, bars: out, other };
    }
    case "number":
      return {
        kind: "number",
        n: nums.length,
        mean: mean(nums),
        median: median(nums),
        min: nums.length ? Math.min(...nums) : null,
        max: nums.length ? Math.max(...nums) : null,
      };
    case "short":
    case "long": {
      // Sorted, never in arrival order, so the list says nothing about who answered when.
      const answers = present.filter((a): a is string => typeof a === "string").sort((a, b) => a.localeCompare(b));
      return { kind: "text", n: answers.length, answers };
    }
  }
}

/** Results for every question as asked; `instructorId` narrows the per-instructor section to one speaker. */
export function aggregateSurvey(
  questions: Question[],
  instructors: Instructor[],
  responses: Answers[],
  { instructorId = null }: { instructorId?: number | null } = {}
): InstanceResult[] {
  return questionInstances(questions, instructors)
    .filter((i) => !instructorId || !i.instructor || i.instructor.id === instructorId)
    .map((i) => ({
      key: i.key,
      question: i.question,
      instructor: i.instructor,
      result: aggregateQuestion(
        i.question,
        responses.map((r) => r[i.key])
      ),
    }));
}

// ---------- loading ----------

export interface StoredResponse {
  /** Named surveys only. */
  userId: number | null;
  answers: Answers;
}

/** In random-id order: unrelated to when anyone answered. */
export function loadResponses({ surveyId }: { surveyId: number }): StoredResponse[] {
  return db()
    .select({ userId: surveyResponses.userId, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
    .orderBy(surveyResponses.id)
    .all()
    .map((r) => ({ userId: r.userId, answers: JSON.parse(r.answers) as Answers }));
}

export interface SurveyOverview {
  state: SurveyState;
  responses: number;
  attendees: number;
  responseRate: number;
  /** False while an anonymous survey has fewer answers than its threshold. */
  resultsVisible: boolean;
}

export function surveyOverview(
  survey: Survey,
  seminar: { id: number; endsAt: Date },
  now = new Date()
): SurveyOverview {
  const responses = countResponses({ surveyId: survey.id });
  const attendees = countAttendees({ seminarId: seminar.id });
  return {
    state: surveyState(survey, seminar, now),
    responses,
    attendees,
    responseRate: pct(responses, Math.max(attendees, responses)),
    resultsVisible: !survey.anonymous || responses >= survey.minResponses,
  };
}

// ---------- CSV (RFC 4180, UTF-8 with BOM) ----------

export function buildSurveyCsv({
  survey,
  questions,
  instructors,
  responses,
}: {
  survey: Pick<Survey, "anonymous">;
  questions: Question[];
  instructors: Instructor[];
  responses: StoredResponse[];
}): string {
  const columns: { header: string; cell: (a: Answers) => string }[] = [];
  for (const inst of questionInstances(questions, instructors)) {
    const q = inst.question;
    const base = inst.instructor ? `${q.prompt} (${inst.instructor.name})` : q.prompt;
    const get = (a: Answers) => a[inst.key];
    if (q.type === "matrix") {
      (q.config.statements ?? []).forEach((s, i) =>
        columns.push({
          header: `${base}: ${s}`,
          cell: (a) => {
            const row = get(a);
            return Array.isArray(row) && typeof row[i] === "number" ? String(row[i]) : "";
          },
        })
      );
    } else if (q.type === "multiple") {
      columns.push({
        header: base,
        cell: (a) => {
          const v = get(a) as MultipleAnswer | undefined;
          return v ? defuseFormula(v.choices.join("; ")) : "";
        },
      });
      if (q.config.allowOther) {
        columns.push({
          header: `${base}: other`,
          cell: (a) => defuseFormula((get(a) as MultipleAnswer | undefined)?.other ?? ""),
        });
      }
    } else {
      columns.push({
        header: base,
        cell: (a) => {
          const v = get(a);
          if (v === undefined || v === null) return "";
          return typeof v === "number" ? String(v) : defuseFormula(String(v));
        },
      });
    }
  }
  const names = survey.anonymous ? new Map() : memberNames(responses.map((r) => r.userId ?? 0));
  const header = ["Response", ...(survey.anonymous ? [] : ["Name"]), ...columns.map((c) => defuseFormula(c.header))];
  const rows = responses.map((r, i) => [
    String(i + 1),
    ...(survey.anonymous ? [] : [defuseFormula(names.get(r.userId ?? 0)?.name ?? "Former member")]),
    ...columns.map((c) => c.cell(r.answers)),
  ]);
  return "\uFEFF" + [header, ...rows].map((row) => row.map((cell) => csvCell(cell, { defuse: false })).join(",")).join("\r\n") + "\r\n";
}

// ---------- comparing seminars (admins) ----------

export interface SeminarComparison {
  slug: string;
  title: string;
  endsAt: Date;
  state: SurveyState;
  responses: number;
  attendees: number;
  responseRate: number;
  resultsVisible: boolean;
  /** Mean of the general 1–5 rating questions (not per speaker). */
  programRating: number | null;
  /** Mean of the per-speaker 1–5 ratings. */
  speakerRating: number | null;
  nps: number | null;
}

export const COMPARE_LIMIT = 50;

/** The most recent published surveys, newest seminar first (bounded). */
export function compareSeminars(now = new Date()): SeminarComparison[] {
  const rows = db()
    .select({ survey: surveys, seminar: seminars })
    .from(surveys)
    .innerJoin(seminars, eq(seminars.id, surveys.seminarId))
    .where(isNotNull(surveys.publishedAt))
    .orderBy(desc(seminars.endsAt))
    .limit(COMPARE_LIMIT)
    .all();
  return rows.map(({ survey, seminar }) => {
    const o = surveyOverview(survey, seminar, now);
    let programRating: number | null = null;
    let speakerRating: number | null = null;
    let nps: number | null = null;
    if (o.resultsVisible && o.responses > 0) {
      const questions = listQuestions({ surveyId: survey.id });
      const instructors = listSurveyInstructors({ seminarId: seminar.id });
      const answers = loadResponses({ surveyId: survey.id }).map((r) => r.answers);
      const program: number[] = [];
      const speaker: number[] = [];
      const npsValues: number[] = [];
      for (const inst of questionInstances(questions, instructors)) {
        for (const a of answers) {
          const v = a[inst.key];
          if (typeof v !== "number") continue;
          if (inst.question.type === "rating") (inst.instructor ? speaker : program).push(v);
          if (inst.question.type === "nps") npsValues.push(v);
        }
      }
      programRating = mean(program);
      speakerRating = mean(speaker);
      nps = npsScore(npsValues).score;
    }
    return {
      slug: seminar.slug,
      title: seminar.title,
      endsAt: seminar.endsAt,
      state: o.state,
      responses: o.responses,
      attendees: o.attendees,
      responseRate: o.responseRate,
      resultsVisible: o.resultsVisible,
      programRating,
      speakerRating,
      nps,
    };
  });
}

/** Named surveys only: who has answered, by name (never called for an anonymous survey). */
export function listRespondentNames({ survey }: { survey: Pick<Survey, "id" | "anonymous"> }): string[] {
  if (survey.anonymous) return [];
  const ids = db()
    .select({ userId: surveyRespondents.userId })
    .from(surveyRespondents)
    .where(eq(surveyRespondents.surveyId, survey.id))
    .all()
    .map((r) => r.userId);
  return [...memberNames(ids).values()].map((m) => m.name).sort((a, b) => a.localeCompare(b));
}
