// The survey builder's form handling (issue #8), kept beside its route so the route file stays small.
import { data, redirect } from "@remix-run/node";
import { runSurveyMailings } from "~/models/survey-mailing.server";
import { SurveyLockedError, addQuestion, createSurvey, deleteQuestion, deleteSurvey, hasResponses, moveQuestion, setPublished, updateQuestion, updateSurveySettings } from "~/models/survey.server";
import { listSurveyTemplates, parseQuestionForm } from "~/models/survey-questions.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formObject, requireSurveyAccess, parseSettingsForm } from "../s.$slug.survey._index/survey-helpers.server";

type Errors = Record<string, string>;
const fail = (
  status: number,
  body: { formError?: string; target?: string; errors?: Errors; values?: Record<string, string> }
) =>
  data(
    { formError: null, target: "", errors: {} as Errors, values: {} as Record<string, string>, ...body },
    { status }
  );

/** Every builder form posts here; each intent validates its own input and changes nothing on error. */
export async function builderAction(request: Request, slug: string | undefined) {
  const ctx = await requireSurveyAccess(request, slug, "instructor");
  const { seminar, survey } = ctx;
  const form = await request.formData();
  const f = formObject(form);
  const here = `/s/${seminar.slug}/survey/edit`;
  if (f.intent === "create") {
    const templateId = f.templateId || null;
    if (templateId && !listSurveyTemplates().some((t) => t.id === templateId))
      return fail(400, { formError: "That template does not exist." });
    createSurvey({ seminar, templateId });
    return redirectWithFlash(here, {
      kind: "success",
      message: "Survey created as a draft. Check the questions and settings, then publish it.",
    });
  }
  if (!survey) throw new Response("Not Found", { status: 404 });
  const questionId = Number(f.questionId);
  try {
    switch (f.intent) {
      case "settings": {
        const parsed = parseSettingsForm(f, { survey, seminar, locked: hasResponses({ surveyId: survey.id }) });
        if (!parsed.ok) return fail(400, { target: "settings", errors: parsed.errors, values: { ...parsed.values } });
        updateSurveySettings({ surveyId: survey.id, input: parsed.value });
        return redirectWithFlash(here, { kind: "success", message: "Settings saved." });
      }
      case "add-question":
      case "update-question": {
        const parsed = parseQuestionForm(f);
        if (!parsed.ok)
          return fail(400, {
            target: f.intent === "add-question" ? "add" : `q${questionId}`,
            errors: parsed.errors,
            values: f,
          });
        if (f.intent === "add-question") addQuestion({ surveyId: survey.id, input: parsed.value });
        else if (!updateQuestion({ surveyId: survey.id, questionId, input: parsed.value }))
          throw new Response("Not Found", { status: 404 });
        return redirectWithFlash(here, {
          kind: "success",
          message: f.intent === "add-question" ? "Question added." : "Question saved.",
        });
      }
      case "delete-question":
        if (!deleteQuestion({ surveyId: survey.id, questionId })) throw new Response("Not Found", { status: 404 });
        return redirectWithFlash(here, { kind: "success", message: "Question deleted." });
      case "move-up":
      case "move-down":
        if (!moveQuestion({ surveyId: survey.id, questionId, direction: f.intent === "move-up" ? "up" : "down" }))
          throw new Response("Not Found", { status: 404 });
        return redirect(here);
      case "publish":
        if (!ctx.questions.length) return fail(400, { formError: "Add at least one question before publishing." });
        setPublished({ surveyId: survey.id, published: true });
        // If the survey is already open, the invitations go out now rather than on the next background pass.
        runSurveyMailings();
        return redirectWithFlash(here, {
          kind: "success",
          message: "Published. Attendees are invited by email when the survey opens.",
        });
      case "unpublish":
        setPublished({ surveyId: survey.id, published: false });
        return redirectWithFlash(here, { kind: "success", message: "The survey is a draft again." });
      case "delete-survey":
        deleteSurvey({ surveyId: survey.id });
        return redirectWithFlash(here, { kind: "success", message: "Survey deleted." });
      default:
        return fail(400, { formError: "Unknown action." });
    }
  } catch (e) {
    if (e instanceof SurveyLockedError) return fail(409, { formError: e.message });
    throw e;
  }
}
