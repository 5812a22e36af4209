// The answer form of a survey (issue #8): plain radios, checkboxes and text fields, so it works on a phone and
// without JavaScript. Errors appear next to the question and everything typed is put back after an error.
import { useEffect, useRef, type ReactNode } from "react";
import type { Question } from "~/utils/survey-question";

export type FormQuestion = Omit<Question, "position">;

type Values = Record<string, string | string[]>;

const fieldName = (q: FormQuestion, instructorId?: number) => (instructorId ? `q${q.id}_i${instructorId}` : `q${q.id}`);
const valueOf = (values: Values, name: string) => {
  const v = values[name];
  return Array.isArray(v) ? v[0] ?? "" : v ?? "";
};
const listOf = (values: Values, name: string) => {
  const v = values[name];
  return v === undefined ? [] : [v].flat();
};

function Scale({
  name,
  from,
  to,
  value,
  describedBy,
  invalid,
  label,
}: {
  name: string;
  from: number;
  to: number;
  value: string;
  describedBy?: string;
  invalid: boolean;
  label: string;
}) {
  const options = [];
  for (let v = from; v <= to; v++) options.push(v);
  return (
    <div
      className="scale"
      role="radiogroup"
      aria-label={label}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
    >
      {options.map((v) => (
        <label key={v} className="scale__option">
          <input type="radio" name={name} value={String(v)} defaultChecked={value === String(v)} />
          <span>{v}</span>
        </label>
      ))}
    </div>
  );
}

function QuestionBlock({
  q,
  number,
  instructor,
  values,
  errors,
}: {
  q: FormQuestion;
  number: string;
  instructor?: { id: number; name: string };
  values: Values;
  errors: Record<string, string>;
}) {
  const name = fieldName(q, instructor?.id);
  const error = errors[name];
  const idBase = `sq-${name}`;
  const hintId =
    q.help || q.type === "rating" || q.type === "matrix" || q.type === "nps" ? `${idBase}-hint` : undefined;
  const errorId = error ? `${idBase}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const scaleHint =
    q.type === "rating" || q.type === "matrix"
      ? `1 = ${q.config.lowLabel ?? ""}, 5 = ${q.config.highLabel ?? ""}.`
      : q.type === "nps"
      ? "0 = not at all likely, 10 = extremely likely."
      : "";
  const hint = [q.help, scaleHint].filter(Boolean).join(" ");
  const legend = (
    <>
      <span className="survey-q__number">{number}</span> {q.prompt}
      {q.required ? (
        <span className="survey-q__required"> (required)</span>
      ) : (
        <span className="muted"> (optional)</span>
      )}
    </>
  );
  const errorLine = error ? (
    <p className="field__error" id={errorId}>
      {error}
    </p>
  ) : null;
  const hintLine = hint ? (
    <p className="field__hint" id={hintId}>
      {hint}
    </p>
  ) : null;

  if (q.type === "short" || q.type === "long") {
    const common = {
      id: idBase,
      name,
      defaultValue: valueOf(values, name),
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy,
      maxLength: q.type === "short" ? 200 : 5000,
    } as const;
    return (
      <div className={`field survey-q${error ? " field--invalid" : ""}`}>
        <label htmlFor={idBase}>{legend}</label>
        {hintLine}
        {q.type === "short" ? <input type="text" {...common} /> : <textarea rows={5} {...common} />}
        {errorLine}
      </div>
    );
  }
  if (q.type === "number") {
    const { min, max } = q.config;
    return (
      <div className={`field survey-q${error ? " field--invalid" : ""}`}>
        <label htmlFor={idBase}>{legend}</label>
        {hintLine}
        <input
          id={idBase}
          name={name}
          type="text"
          inputMode={q.config.integer ? "numeric" : "decimal"}
          className="input--short"
          defaultValue={valueOf(values, name)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {min != null || max != null ? (
          <p className="field__hint">
            {min != null && max != null
              ? `From ${min} to ${max}.`
              : min != null
              ? `At least ${min}.`
              : `At most ${max}.`}
          </p>
        ) : null}
        {errorLine}
      </div>
    );
  }
  let body: ReactNode = null;
  if (q.type === "rating" || q.type === "nps") {
    body = (
      <Scale
        name={name}
        from={q.type === "nps" ? 0 : 1}
        to={q.type === "nps" ? 10 : 5}
        value={valueOf(values, name)}
        describedBy={describedBy}
        invalid={!!error}
        label={q.prompt}
      />
    );
  } else if (q.type === "matrix") {
    body = (
      <div className="matrix">
        {(q.config.statements ?? []).map((s, i) => (
          <div key={i} className="matrix__row">
            <p className="matrix__statement" id={`${idBase}-s${i}`}>
              {s}
            </p>
            <Scale
              name={`${name}_s${i}`}
              from={1}
              to={5}
              value={valueOf(values, `${name}_s${i}`)}
              describedBy={describedBy}
              invalid={!!error}
              label={s}
            />
          </div>
        ))}
      </div>
    );
  } else if (q.type === "single" || q.type === "multiple") {
    const picked = listOf(values, name);
    body = (
      <ul className="choices">
        {(q.config.choices ?? []).map((c) => (
          <li key={c}>
            <label>
              <input
                type={q.type === "single" ? "radio" : "checkbox"}
                name={name}
                value={c}
                defaultChecked={picked.includes(c)}
              />{" "}
              {c}
            </label>
          </li>
        ))}
        {q.type === "multiple" && q.config.allowOther ? (
          <li className="choices__other">
            <label htmlFor={`${idBase}-other`}>Other (please say)</label>
            <input
              id={`${idBase}-other`}
              type="text"
              name={`${name}_other`}
              maxLength={200}
              defaultValue={valueOf(values, `${name}_other`)}
            />
          </li>
        ) : null}
      </ul>
    );
  }
  return (
    <fieldset
      id={idBase}
      tabIndex={-1}
      className={`survey-q${error ? " field--invalid" : ""}`}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      {hintLine}
      {body}
      {errorLine}
    </fieldset>
  );
}

/** A page of the survey (issue #22): about four questions, or the "rate each speaker" block on its own. */
export interface SurveySection {
  title: string;
  questionIds: number[];
}

const SECTION_SIZE = 4;

/**
 * Splits the questions into short pages, in order: the questions before the speaker block ("The program"), the
 * speaker block ("The speakers"), and those after it ("Looking ahead"), each split again after four questions.
 * Pure, so the action finds the page a field is on exactly as the page draws it.
 */
export function surveySections(questions: Pick<FormQuestion, "id" | "perInstructor">[], hasInstructors: boolean): SurveySection[] {
  const groups: { title: string; ids: number[] }[] = [];
  const before: number[] = [];
  const speakers: number[] = [];
  const after: number[] = [];
  for (const q of questions) {
    if (q.perInstructor) {
      if (hasInstructors) speakers.push(q.id);
    } else (speakers.length ? after : before).push(q.id);
  }
  const chunk = (title: string, ids: number[]) => {
    for (let i = 0; i < ids.length; i += SECTION_SIZE) {
      groups.push({ title: i ? `${title} (continued)` : title, ids: ids.slice(i, i + SECTION_SIZE) });
    }
  };
  chunk(speakers.length ? "The program" : "Questions", before);
  if (speakers.length) groups.push({ title: "The speakers", ids: speakers });
  chunk("Looking ahead", after);
  // Fewer than two pages is no paging at all.
  if (groups.length < 2) return [{ title: "Questions", questionIds: questions.map((q) => q.id) }];
  return groups.map((g) => ({ title: g.title, questionIds: g.ids }));
}

/** The page holding the first field with an error (field names are q<id> or q<id>_i<instructor>…). */
export function sectionOfFirstError(sections: SurveySection[], errors: Record<string, string>): number | null {
  const ids = new Set(Object.keys(errors).map((k) => Number(/^q(\d+)/.exec(k)?.[1])));
  const i = sections.findIndex((s) => s.questionIds.some((id) => ids.has(id)));
  return i < 0 ? null : i;
}

/**
 * Questions in order; the per-instructor questions form one "rate each speaker" section where the first one sits.
 * With `sections` and `current`, every page's fields stay in the form (so answers travel with each post, also
 * without JavaScript) and only the current page shows.
 */
export function SurveyQuestions({
  questions,
  instructors,
  values,
  errors,
  sections,
  current,
}: {
  questions: FormQuestion[];
  instructors: { id: number; name: string }[];
  values: Values;
  errors: Record<string, string>;
  sections?: SurveySection[];
  current?: number;
}) {
  const perInstructor = questions.filter((q) => q.perInstructor);
  const blocks: { questionId: number; node: ReactNode }[] = [];
  let n = 0;
  let speakerDone = false;
  for (const q of questions) {
    if (!q.perInstructor) {
      n += 1;
      blocks.push({ questionId: q.id, node: <QuestionBlock key={q.id} q={q} number={`${n}.`} values={values} errors={errors} /> });
    } else if (!speakerDone && instructors.length) {
      speakerDone = true;
      n += 1;
      const sectionNo = n;
      blocks.push({
        questionId: q.id,
        node: (
          <section key={`speakers-${q.id}`} className="survey-speakers" aria-labelledby="survey-speakers-title">
            <h2 id="survey-speakers-title">{sectionNo}. Rate each speaker</h2>
            {instructors.map((inst) => (
              <section key={inst.id} className="survey-speaker card" aria-label={inst.name}>
                <h3>{inst.name}</h3>
                {perInstructor.map((pq, k) => (
                  <QuestionBlock
                    key={pq.id}
                    q={pq}
                    number={`${sectionNo}.${k + 1}`}
                    instructor={inst}
                    values={values}
                    errors={errors}
                  />
                ))}
              </section>
            ))}
          </section>
        ),
      });
    }
  }
  if (!sections || sections.length < 2 || current === undefined) return <>{blocks.map((b) => b.node)}</>;
  return (
    <>
      {sections.map((sec, i) => (
        <div key={i} className="survey-section" hidden={i !== current} aria-label={`Part ${i + 1}: ${sec.title}`} role="group">
          {blocks.filter((b) => sec.questionIds.includes(b.questionId)).map((b) => b.node)}
        </div>
      ))}
    </>
  );
}

/** "Part 2 of 3" with the parts listed; each part is a button that moves there (keeping every answer). */
export function SurveyProgress({
  sections,
  current,
  onGo,
}: {
  sections: SurveySection[];
  current: number;
  onGo: (i: number, e: React.MouseEvent<HTMLButtonElement>) => void;
}) {
  if (sections.length < 2) return null;
  return (
    <nav className="survey-progress" aria-label="Survey parts">
      <p className="survey-progress__count" tabIndex={-1}>
        Part {current + 1} of {sections.length}: <strong>{sections[current]!.title}</strong>
      </p>
      <progress max={sections.length} value={current + 1} aria-hidden="true" />
      <ol>
        {sections.map((s, i) => (
          <li key={i} className={i === current ? "survey-progress__current" : i < current ? "survey-progress__done" : undefined}>
            <button
              type="submit"
              name="goto"
              value={i}
              formNoValidate
              className="link-button"
              aria-current={i === current ? "step" : undefined}
              onClick={(e) => onGo(i, e)}
            >
              {i + 1}. {s.title}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The error summary at the top of the form (the GOV.UK pattern): the overall message and a link to each question
 * that needs attention. Plain anchors, so it works without JavaScript; with JavaScript it takes focus.
 */
export function SurveyErrorSummary({
  message,
  errors,
  questions,
  instructors,
}: {
  message: string | null | undefined;
  errors: Record<string, string>;
  questions: FormQuestion[];
  instructors: { id: number; name: string }[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message, errors]);
  if (!message) return null;
  const items: { href: string; text: string }[] = [];
  for (const q of questions) {
    for (const inst of q.perInstructor ? instructors : [null]) {
      const name = fieldName(q, inst?.id);
      if (errors[name])
        items.push({ href: `#sq-${name}`, text: `${q.prompt}${inst ? ` (${inst.name})` : ""} — ${errors[name]}` });
    }
  }
  return (
    <div ref={ref} className="flash flash--error error-summary" role="alert" tabIndex={-1}>
      <p>{message}</p>
      {items.length ? (
        <ul>
          {items.map((i) => (
            <li key={i.href}>
              <a href={i.href}>{i.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
