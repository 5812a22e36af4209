// Issue #16: instructors and staff write up to ten intake questions, answered by members when they enrol (and
// editable until the seminar starts). The answers are summarised in the audience brief and exported with the roster.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { IntakeQuestionsSchema, listIntakeQuestions, saveIntakeQuestions } from "~/models/intake.server";
import { MAX_INTAKE_QUESTIONS } from "~/utils/catalogue";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Intake questions · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  return { slug: seminar.slug, questions: listIntakeQuestions({ seminarId: seminar.id }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  const submission = parseWithZod(await request.formData(), { schema: IntakeQuestionsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  saveIntakeQuestions({ seminarId: seminar.id, rows: submission.value.q });
  return redirectWithFlash(`/s/${seminar.slug}/intake`, { kind: "success", message: "The intake questions are saved." });
}

interface Row {
  id?: number | string;
  prompt?: string;
  kind?: string;
  options?: string;
  required?: string | boolean;
}

export default function IntakeEditor() {
  const { slug, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (actionData?.result.error ?? {}) as Record<string, string[] | null>;
  const initial = actionData?.result.initialValue as { q?: Row[] } | undefined;
  const rows: Row[] = initial?.q
    ? initial.q
    : questions.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options.join("\n"), required: q.required }));
  // Room for new questions up to the limit (three blank rows at a time; save to get more).
  const blanks = Math.max(0, Math.min(3, MAX_INTAKE_QUESTIONS - rows.filter((r) => r.prompt).length));
  const all = [...rows, ...Array.from({ length: blanks }, () => ({}) as Row)];
  const listError = errors.q?.[0];
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Intake questions</h1>
        <p className="muted">
          Up to {MAX_INTAKE_QUESTIONS} questions members answer when they enrol, such as what they want covered or their experience with the
          topic. They can change their answers until the seminar starts. The answers appear in the <Link to={`/s/${slug}/audience`}>audience brief</Link>{" "}
          and the roster CSV, for the instructors and the institute's staff only.
        </p>
      </div>
      {listError ? (
        <div className="flash flash--error" role="alert">
          {listError}
        </div>
      ) : null}
      <Form method="post" noValidate className="stack">
        {all.map((r, i) => {
          const err = (k: string) => errors[`q[${i}].${k}`]?.[0];
          const id = (k: string) => `iq-${i}-${k}`;
          return (
            <fieldset key={i} className="card intake-question">
              <legend>{r.prompt ? `Question ${i + 1}` : "New question"}</legend>
              {r.id ? <input type="hidden" name={`q[${i}].id`} value={String(r.id)} /> : null}
              <div className={`field${err("prompt") ? " field--invalid" : ""}`}>
                <label htmlFor={id("prompt")}>Question</label>
                <input id={id("prompt")} name={`q[${i}].prompt`} maxLength={300} defaultValue={r.prompt ?? ""} aria-invalid={err("prompt") ? true : undefined} />
                {err("prompt") ? <p className="field__error">{err("prompt")}</p> : null}
              </div>
              <div className="field">
                <label htmlFor={id("kind")}>Answered with</label>
                <select id={id("kind")} name={`q[${i}].kind`} defaultValue={r.kind ?? "text"}>
                  <option value="text">Written answer</option>
                  <option value="choice">One choice</option>
                  <option value="multiple">Several choices</option>
                </select>
              </div>
              <div className={`field${err("options") ? " field--invalid" : ""}`}>
                <label htmlFor={id("options")}>Choices</label>
                <p className="field__hint" id={id("options-hint")}>
                  One per line; only for “one choice” and “several choices”.
                </p>
                <textarea
                  id={id("options")}
                  name={`q[${i}].options`}
                  rows={3}
                  defaultValue={r.options ?? ""}
                  aria-invalid={err("options") ? true : undefined}
                  aria-describedby={err("options") ? `${id("options-hint")} ${id("options-error")}` : id("options-hint")}
                />
                {err("options") ? (
                  <p className="field__error" id={id("options-error")}>
                    {err("options")}
                  </p>
                ) : null}
              </div>
              <label className="choice">
                <input type="checkbox" name={`q[${i}].required`} value="on" defaultChecked={r.required === true || r.required === "on"} />
                An answer is required
              </label>
              {r.id ? (
                <label className="choice">
                  <input type="checkbox" name={`q[${i}].remove`} value="on" />
                  Remove this question (and its answers)
                </label>
              ) : null}
            </fieldset>
          );
        })}
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save the questions
          </button>
        </div>
      </Form>
    </div>
  );
}
