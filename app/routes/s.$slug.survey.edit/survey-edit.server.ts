// The survey builder's forms (issue #8), beside their route: one schema per intent, parsed with conform, and the
// action that applies them. Every intent validates its own input and changes nothing on error.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { SettingsValues } from "~/components/survey-builder";
import type { Seminar } from "~/models/seminar.server";
import { runSurveyMailings } from "~/models/survey-mailing.server";
import {
  SurveyLockedError,
  addQuestion,
  createSurvey,
  deleteQuestion,
  deleteSurvey,
  hasResponses,
  moveQuestion,
  setPublished,
  updateQuestion,
  updateSurveySettings,
  type Question,
  type QuestionConfig,
  type Survey,
  type SurveySettingsInput,
} from "~/models/survey.server";
import { configSchemaFor, listSurveyTemplates, type QuestionInput } from "~/models/survey-questions.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { utcToWallTime, wallTimeToUtc } from "~/utils/zoned-time";
import { QUESTION_TYPES } from "../../../db/schema";
import { requireSurveyAccess } from "../s.$slug.survey._index/survey-helpers.server";

// ---------- settings ----------

const SettingsFields = z.object({
  title: z.string().trim().min(1, "Give the survey a title.").max(200, "Keep the title under 200 characters."),
  intro: z.string().trim().max(2000, "Keep the introduction under 2,000 characters.").default(""),
  anonymous: z.enum(["yes", "no"], { error: "Choose anonymous or named." }),
  opensMode: z.enum(["seminar-end", "date"], { error: "Choose when the survey opens." }),
  opensAt: z.string().default(""),
  closesAt: z.string({ error: "Choose when the survey closes." }).min(1, "Choose when the survey closes."),
  minResponses: z.coerce
    .number({ error: "Enter a whole number from 1 to 50." })
    .int("Enter a whole number from 1 to 50.")
    .min(1, "Enter a whole number from 1 to 50.")
    .max(50, "Enter a whole number from 1 to 50."),
  reminderAfterDays: z
    .string()
    .default("")
    .transform((s) => (s.trim() === "" ? null : Number(s)))
    .pipe(
      z
        .number({ error: "Enter a number of days from 1 to 60, or leave it empty." })
        .int("Enter whole days.")
        .min(1, "Enter a number of days from 1 to 60, or leave it empty.")
        .max(60, "Enter a number of days from 1 to 60, or leave it empty.")
        .nullable(),
    ),
});

/** The settings form: wall times in the seminar's zone become instants, and the survey must close after it opens. */
function settingsSchema(seminar: Seminar) {
  return SettingsFields.transform((f, ctx): SurveySettingsInput => {
    const opensAt = f.opensAt ? wallTimeToUtc(f.opensAt, seminar.timeZone) : null;
    const closesAt = wallTimeToUtc(f.closesAt, seminar.timeZone);
    const opens = f.opensMode === "date" ? opensAt : seminar.endsAt;
    if (f.opensMode === "date" && !opensAt) ctx.addIssue({ code: "custom", path: ["opensAt"], message: "Choose the date and time the survey opens." });
    if (!closesAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "Choose when the survey closes." });
    else if (opens && closesAt <= opens) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "The survey must close after it opens." });
    if (!closesAt || (f.opensMode === "date" && !opensAt)) return z.NEVER;
    return {
      title: f.title,
      intro: f.intro,
      anonymous: f.anonymous === "yes",
      opensMode: f.opensMode,
      opensAt: f.opensMode === "date" ? opensAt : null,
      closesAt,
      minResponses: f.minResponses,
      reminderAfterDays: f.reminderAfterDays,
    };
  });
}

/** The settings form's fields for a saved survey. */
export function settingsValues(survey: Survey, timeZone: string): SettingsValues {
  return {
    title: survey.title,
    intro: survey.intro,
    anonymous: survey.anonymous ? "yes" : "no",
    opensMode: survey.opensMode,
    opensAt: survey.opensAt ? utcToWallTime(survey.opensAt, timeZone) : "",
    closesAt: utcToWallTime(survey.closesAt, timeZone),
    minResponses: String(survey.minResponses),
    reminderAfterDays: survey.reminderAfterDays == null ? "" : String(survey.reminderAfterDays),
  };
}

// ---------- questions ----------

const optionalNumber = z
  .string()
  .default("")
  .transform((s) => (s.trim() === "" ? null : Number(s)))
  .pipe(z.number({ error: "Enter a number, or leave it empty." }).refine(Number.isFinite, "Enter a number, or leave it empty.").nullable());
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const QuestionFields = z.object({
  type: z.enum(QUESTION_TYPES, { error: "Choose a question type." }),
  prompt: z.string({ error: "Write the question." }).trim().min(1, "Write the question.").max(300, "Keep the question under 300 characters."),
  help: z.string().trim().max(500, "Keep the help text under 500 characters.").default(""),
  required: checkbox,
  perInstructor: checkbox,
  lowLabel: z.string().default(""),
  highLabel: z.string().default(""),
  choices: z.string().default(""),
  statements: z.string().default(""),
  allowOther: checkbox,
  min: optionalNumber,
  max: optionalNumber,
  integer: checkbox,
});

/** A question's form → the question: only its type's settings are kept, checked by the type's own rules. */
function toQuestionInput(f: z.output<typeof QuestionFields>, ctx: z.RefinementCtx): QuestionInput {
  let raw: Record<string, unknown> = {};
  if (f.type === "rating" || f.type === "matrix") {
    raw = { lowLabel: f.lowLabel, highLabel: f.highLabel };
    if (f.type === "matrix") raw.statements = lines(f.statements);
  } else if (f.type === "single" || f.type === "multiple") {
    raw = { choices: lines(f.choices), allowOther: f.type === "multiple" && f.allowOther };
  } else if (f.type === "number") {
    raw = { min: f.min, max: f.max, integer: f.integer };
  }
  const config = configSchemaFor(f.type).safeParse(raw);
  if (!config.success) {
    // The settings' names are the form's field names (lowLabel, statements, choices, min…).
    for (const i of config.error.issues) ctx.addIssue({ code: "custom", path: [String(i.path[0] ?? "")], message: i.message });
    return z.NEVER as never;
  }
  return {
    type: f.type,
    prompt: f.prompt,
    help: f.help,
    required: f.required,
    perInstructor: f.perInstructor,
    config: config.data as QuestionConfig,
  };
}

const QuestionId = z.coerce.number().int().positive();

/** A saved question as the editor's fields. */
export function questionValues(q: Question): Record<string, string> {
  const c = q.config;
  return {
    type: q.type,
    prompt: q.prompt,
    help: q.help,
    required: q.required ? "on" : "",
    perInstructor: q.perInstructor ? "on" : "",
    lowLabel: c.lowLabel ?? "",
    highLabel: c.highLabel ?? "",
    statements: (c.statements ?? []).join("\n"),
    choices: (c.choices ?? []).join("\n"),
    allowOther: c.allowOther ? "on" : "",
    min: c.min == null ? "" : String(c.min),
    max: c.max == null ? "" : String(c.max),
    integer: c.integer ? "on" : "",
  };
}

// ---------- one schema per intent ----------

/** The schema of the form that sent `intent` (null for an intent the builder does not have). */
function schemaFor(intent: string, seminar: Seminar) {
  switch (intent) {
    case "create":
      return z
        .object({ templateId: z.string().default("") })
        .refine((v) => !v.templateId || listSurveyTemplates().some((t) => t.id === v.templateId), "That template does not exist.");
    case "settings":
      return settingsSchema(seminar);
    case "add-question":
      return QuestionFields.transform(toQuestionInput);
    case "update-question":
      return QuestionFields.extend({ questionId: QuestionId }).transform((f, ctx) => ({ questionId: f.questionId, input: toQuestionInput(f, ctx) }));
    case "delete-question":
    case "move-up":
    case "move-down":
      return z.object({ questionId: QuestionId });
    case "publish":
    case "unpublish":
    case "delete-survey":
      return z.object({});
    default:
      return null;
  }
}

/** The fields a locked survey keeps whatever the form says (their inputs are disabled once answers arrived). */
const LOCKED_SETTINGS = ["anonymous", "minResponses", "opensMode", "opensAt"] as const;

const NOT_FOUND = () => new Response("Not Found", { status: 404, statusText: "Not Found" });

/** Every builder form posts here. */
export async function builderAction(request: Request, slug: string | undefined) {
  const ctx = await requireSurveyAccess(request, slug, "instructor");
  const { seminar, survey } = ctx;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const here = `/s/${seminar.slug}/survey/edit`;
  const schema = schemaFor(intent, seminar);
  if (!schema) {
    const sent = parseWithZod(form, { schema: z.object({}) });
    return data({ result: sent.reply({ formErrors: ["Unknown action."] }) }, { status: 400 });
  }
  if (intent !== "create" && !survey) throw NOT_FOUND();
  if (intent === "settings" && survey && hasResponses({ surveyId: survey.id })) {
    const current = settingsValues(survey, seminar.timeZone);
    for (const key of LOCKED_SETTINGS) form.set(key, current[key]);
  }
  // The fields are read as they were typed: an emptied "days" field means "no reminder", not a missing field.
  const submission = parseWithZod(form, { schema, disableAutoCoercion: true });
  if (submission.status !== "success") {
    if (intent === "delete-question" || intent === "move-up" || intent === "move-down") throw NOT_FOUND();
    return data({ result: submission.reply() }, { status: 400 });
  }
  const value = submission.value as Record<string, unknown>;
  if (intent === "create") {
    createSurvey({ seminar, templateId: (value.templateId as string) || null });
    return redirectWithFlash(here, {
      kind: "success",
      message: "Survey created as a draft. Check the questions and settings, then publish it.",
    });
  }
  const surveyId = survey!.id;
  const questionId = value.questionId as number;
  try {
    switch (intent) {
      case "settings":
        updateSurveySettings({ surveyId, input: submission.value as SurveySettingsInput });
        return redirectWithFlash(here, { kind: "success", message: "Settings saved." });
      case "add-question":
        addQuestion({ surveyId, input: submission.value as QuestionInput });
        return redirectWithFlash(here, { kind: "success", message: "Question added." });
      case "update-question":
        if (!updateQuestion({ surveyId, questionId, input: value.input as QuestionInput })) throw NOT_FOUND();
        return redirectWithFlash(here, { kind: "success", message: "Question saved." });
      case "delete-question":
        if (!deleteQuestion({ surveyId, questionId })) throw NOT_FOUND();
        return redirectWithFlash(here, { kind: "success", message: "Question deleted." });
      case "move-up":
      case "move-down":
        if (!moveQuestion({ surveyId, questionId, direction: intent === "move-up" ? "up" : "down" })) throw NOT_FOUND();
        return redirect(here);
      case "publish":
        if (!ctx.questions.length) {
          return data({ result: submission.reply({ formErrors: ["Add at least one question before publishing."] }) }, { status: 400 });
        }
        setPublished({ surveyId, published: true });
        // If the survey is already open, the invitations go out now rather than on the next background pass.
        runSurveyMailings();
        return redirectWithFlash(here, {
          kind: "success",
          message: "Published. Attendees are invited by email when the survey opens.",
        });
      case "unpublish":
        setPublished({ surveyId, published: false });
        return redirectWithFlash(here, { kind: "success", message: "The survey is a draft again." });
      case "delete-survey":
      default:
        deleteSurvey({ surveyId });
        return redirectWithFlash(here, { kind: "success", message: "Survey deleted." });
    }
  } catch (e) {
    if (e instanceof SurveyLockedError) return data({ result: submission.reply({ formErrors: [e.message] }) }, { status: 409 });
    throw e;
  }
}
