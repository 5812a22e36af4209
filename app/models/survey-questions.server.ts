// Issue #8: what a survey question may hold. The per-type settings and their rules, the builder's question form, and
// the survey templates in content/surveys/ (JSON, checked by the same rules).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { surveyQuestions, surveys, QUESTION_TYPES, type QuestionType } from "../../db/schema";
import type { Question, QuestionConfig } from "~/utils/survey-question";

// ---------- question settings ----------

const Label = z
  .string()
  .trim()
  .min(1, "Give both ends of the scale a label.")
  .max(60, "Keep scale labels under 60 characters.");
const Choice = z.string().trim().min(1).max(200, "Keep each choice under 200 characters.");
const uniqueList = (what: string, min: number) =>
  z
    .array(Choice)
    .min(min, `Give at least ${min} ${what}, one per line.`)
    .max(30, `At most 30 ${what}.`)
    .refine((l) => new Set(l.map((x) => x.toLowerCase())).size === l.length, `Each of the ${what} must be different.`);

export const RatingConfigSchema = z.object({ lowLabel: Label, highLabel: Label });
export const MatrixConfigSchema = RatingConfigSchema.extend({ statements: uniqueList("statements", 1) });
export const ChoiceConfigSchema = z.object({
  choices: uniqueList("choices", 2),
  allowOther: z.boolean().default(false),
});
export const NumberConfigSchema = z
  .object({
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    integer: z.boolean().default(false),
  })
  .refine((c) => c.min === null || c.max === null || c.min <= c.max, {
    message: "The lowest allowed number must not be above the highest.",
    path: ["min"],
  });
export const EmptyConfigSchema = z.object({});


export function configSchemaFor(type: QuestionType) {
  switch (type) {
    case "rating":
      return RatingConfigSchema;
    case "matrix":
      return MatrixConfigSchema;
    case "single":
    case "multiple":
      return ChoiceConfigSchema;
    case "number":
      return NumberConfigSchema;
    default:
      return EmptyConfigSchema;
  }
}


export function toQuestion(row: typeof surveyQuestions.$inferSelect): Question {
  let config: QuestionConfig = {};
  try {
    config = configSchemaFor(row.type).parse(JSON.parse(row.config)) as QuestionConfig;
  } catch {
    config = {};
  }
  return { ...row, config };
}

/** Builder form → question fields. Errors are keyed by form field name. */
export const QuestionFormSchema = z.object({
  type: z.enum(QUESTION_TYPES, { error: "Choose a question type." }),
  prompt: z.string().trim().min(1, "Write the question.").max(300, "Keep the question under 300 characters."),
  help: z.string().trim().max(500, "Keep the help text under 500 characters.").default(""),
  required: z.literal("on").optional(),
  perInstructor: z.literal("on").optional(),
  lowLabel: z.string().optional(),
  highLabel: z.string().optional(),
  choices: z.string().optional(),
  statements: z.string().optional(),
  allowOther: z.literal("on").optional(),
  min: z.string().optional(),
  max: z.string().optional(),
  integer: z.literal("on").optional(),
});

export interface QuestionInput {
  type: QuestionType;
  prompt: string;
  help: string;
  required: boolean;
  perInstructor: boolean;
  config: QuestionConfig;
}

const lines = (s: string | undefined) =>
  (s ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function optionalNumber(s: string | undefined): number | null | "invalid" {
  const t = (s ?? "").trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : "invalid";
}

export function parseQuestionForm(
  form: Record<string, string>
): { ok: true; value: QuestionInput } | { ok: false; errors: Record<string, string> } {
  const parsed = QuestionFormSchema.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? "form")] ??= i.message;
    return { ok: false, errors };
  }
  const f = parsed.data;
  let raw: Record<string, unknown> = {};
  if (f.type === "rating" || f.type === "matrix") {
    raw = { lowLabel: f.lowLabel ?? "", highLabel: f.highLabel ?? "" };
    if (f.type === "matrix") raw.statements = lines(f.statements);
  } else if (f.type === "single" || f.type === "multiple") {
    raw = { choices: lines(f.choices), allowOther: f.type === "multiple" && f.allowOther === "on" };
  } else if (f.type === "number") {
    const min = optionalNumber(f.min);
    const max = optionalNumber(f.max);
    if (min === "invalid") return { ok: false, errors: { min: "Enter a number, or leave it empty." } };
    if (max === "invalid") return { ok: false, errors: { max: "Enter a number, or leave it empty." } };
    raw = { min, max, integer: f.integer === "on" };
  }
  const config = configSchemaFor(f.type).safeParse(raw);
  if (!config.success) {
    const errors: Record<string, string> = {};
    for (const i of config.error.issues) {
      const key = String(i.path[0] ?? "form");
      errors[key === "lowLabel" || key === "highLabel" ? key : key] ??= i.message;
    }
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      type: f.type,
      prompt: f.prompt,
      help: f.help,
      required: f.required === "on",
      perInstructor: f.perInstructor === "on",
      config: config.data as QuestionConfig,
    },
  };
}

// ---------- templates ----------

const TemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  title: z.string(),
  intro: z.string().default(""),
  questions: z.array(
    z.object({
      type: z.enum(QUESTION_TYPES),
      prompt: z.string(),
      help: z.string().default(""),
      required: z.boolean().default(false),
      perInstructor: z.boolean().default(false),
      config: z.record(z.string(), z.unknown()).default({}),
    })
  ),
});
export type SurveyTemplate = z.infer<typeof TemplateSchema>;

/** Templates ship as JSON in content/surveys/ so the institute can edit them without code. */
export function listSurveyTemplates(dir = path.resolve(process.cwd(), "content/surveys")): SurveyTemplate[] {
  let files: string[] = [];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    const t = TemplateSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
    for (const q of t.questions) configSchemaFor(q.type).parse(q.config);
    return t;
  });
}
