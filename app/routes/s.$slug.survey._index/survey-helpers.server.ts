// Shared by the survey routes (issue #8): the guard plus the seminar's survey, questions and speakers.
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import type { SettingsValues } from "~/components/survey-builder";
import type { FormQuestion } from "~/components/survey-form";
import type { Seminar } from "~/models/seminar.server";
import { getSurveyForSeminar, listQuestions, listSurveyInstructors, type Question, type Survey, type SurveySettingsInput } from "~/models/survey.server";
import { aggregateSurvey, listRespondentNames, loadResponses, surveyOverview } from "~/models/survey-results.server";
import { utcToWallTime, wallTimeToUtc } from "~/utils/zoned-time";

export async function requireSurveyAccess(
  request: Request,
  slug: string | undefined,
  role: "member" | "instructor" = "member"
) {
  const access = await requireSeminarRole(request, slug, role);
  const survey = getSurveyForSeminar({ seminarId: access.seminar.id });
  const questions = survey ? listQuestions({ surveyId: survey.id }) : [];
  const instructors = listSurveyInstructors({ seminarId: access.seminar.id });
  return { ...access, survey, questions, instructors };
}

/** The survey, or the 404 of "no such page", for pages that need one to exist. */
export function requireSurvey(survey: Survey | null): Survey {
  if (!survey) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  return survey;
}

export function toFormQuestion(q: Question): FormQuestion {
  return {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    help: q.help,
    required: q.required,
    perInstructor: q.perInstructor,
    config: q.config,
  };
}

export function formatWhen(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

// ---------- the builder's settings form ----------

const SettingsFormSchema = z.object({
  title: z.string().trim().min(1, "Give the survey a title.").max(200, "Keep the title under 200 characters."),
  intro: z.string().trim().max(2000, "Keep the introduction under 2,000 characters.").default(""),
  anonymous: z.enum(["yes", "no"], { error: "Choose anonymous or named." }),
  opensMode: z.enum(["seminar-end", "date"], { error: "Choose when the survey opens." }),
  opensAt: z.string().default(""),
  closesAt: z.string().min(1, "Choose when the survey closes."),
  minResponses: z.coerce
    .number({ error: "Enter a whole number from 1 to 50." })
    .int("Enter a whole number from 1 to 50.")
    .min(1, "Enter a whole number from 1 to 50.")
    .max(50, "Enter a whole number from 1 to 50."),
  reminderAfterDays: z.union([
    z.literal(""),
    z.coerce
      .number({ error: "Enter a number of days from 1 to 60, or leave it empty." })
      .int("Enter whole days.")
      .min(1, "Enter a number of days from 1 to 60, or leave it empty.")
      .max(60, "Enter a number of days from 1 to 60, or leave it empty."),
  ]),
});

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

/** Locked settings (anonymity, threshold, opening) are taken from the survey, not the form (their inputs are disabled). */
export function parseSettingsForm(
  form: Record<string, string>,
  { survey, seminar, locked }: { survey: Survey; seminar: Seminar; locked: boolean }
): { ok: true; value: SurveySettingsInput } | { ok: false; errors: Record<string, string>; values: SettingsValues } {
  const current = settingsValues(survey, seminar.timeZone);
  const input = locked
    ? {
        ...form,
        anonymous: current.anonymous,
        minResponses: current.minResponses,
        opensMode: current.opensMode,
        opensAt: current.opensAt,
      }
    : form;
  const values = { ...current, ...input } as SettingsValues;
  const parsed = SettingsFormSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? "form")] ??= i.message;
    return { ok: false, errors, values };
  }
  const f = parsed.data;
  const opensAt = f.opensAt ? wallTimeToUtc(f.opensAt, seminar.timeZone) : null;
  if (f.opensMode === "date" && !opensAt) errors.opensAt = "Choose the date and time the survey opens.";
  const closesAt = wallTimeToUtc(f.closesAt, seminar.timeZone);
  if (!closesAt) errors.closesAt = "Choose when the survey closes.";
  const opens = f.opensMode === "date" ? opensAt : seminar.endsAt;
  if (closesAt && opens && closesAt <= opens) errors.closesAt = "The survey must close after it opens.";
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return {
    ok: true,
    value: {
      title: f.title,
      intro: f.intro,
      anonymous: f.anonymous === "yes",
      opensMode: f.opensMode,
      opensAt: f.opensMode === "date" ? opensAt : null,
      closesAt: closesAt!,
      minResponses: f.minResponses,
      reminderAfterDays: f.reminderAfterDays === "" ? null : f.reminderAfterDays,
    },
  };
}

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

export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}

// ---------- results (results page, printable summary, CSV) ----------

/** Instructors and admins only; an anonymous survey shows no results below its threshold (not even to admins). */
export async function requireSurveyResults(request: Request, slug: string | undefined) {
  const ctx = await requireSurveyAccess(request, slug, "instructor");
  const survey = requireSurvey(ctx.survey);
  const overview = surveyOverview(survey, ctx.seminar);
  const requested = Number(new URL(request.url).searchParams.get("instructor")) || null;
  const instructorId = ctx.instructors.some((i) => i.id === requested) ? requested : null;
  const responses = overview.resultsVisible ? loadResponses({ surveyId: survey.id }) : [];
  const results = overview.resultsVisible
    ? aggregateSurvey(
        ctx.questions,
        ctx.instructors,
        responses.map((r) => r.answers),
        { instructorId }
      )
    : [];
  return { ...ctx, survey, overview, instructorId, responses, results };
}

export function resultsHeader(r: Awaited<ReturnType<typeof requireSurveyResults>>) {
  return {
    slug: r.seminar.slug,
    seminarTitle: r.seminar.title,
    title: r.survey.title,
    anonymous: r.survey.anonymous,
    minResponses: r.survey.minResponses,
    closes: formatWhen(r.survey.closesAt, r.seminar.timeZone),
    overview: r.overview,
    respondents: listRespondentNames({ survey: r.survey }),
    instructors: r.instructors,
    instructorId: r.instructorId,
    hasSpeakerSection: r.questions.some((q) => q.perInstructor),
    results: r.results.map((x) => ({
      key: x.key,
      question: { prompt: x.question.prompt, type: x.question.type, help: x.question.help },
      instructor: x.instructor,
      result: x.result,
    })),
  };
}
