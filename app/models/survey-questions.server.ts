// Issue #8: what a survey question may hold. The per-type settings and their rules, and the survey templates in
// content/surveys/ (JSON, checked by the same rules). The builder's form is beside its route (s.$slug.survey.edit).
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

export interface QuestionInput {
  type: QuestionType;
  prompt: string;
  help: string;
  required: boolean;
  perInstructor: boolean;
  config: QuestionConfig;
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
