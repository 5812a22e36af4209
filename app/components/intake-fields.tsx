// Issue #16: the intake questions on the enrolment form and the "your answers" form. Errors sit beside their question;
// what the member typed comes back after a refused submission.
export interface IntakeFieldQuestion {
  id: number;
  prompt: string;
  kind: "text" | "choice" | "multiple";
  options: string[];
  required: boolean;
}

export function IntakeFields({
  questions,
  answers,
  shareName,
  errors,
  initial,
}: {
  questions: IntakeFieldQuestion[];
  answers: Record<number, string | string[]>;
  shareName: boolean;
  errors: Record<string, string[] | null>;
  initial: Record<string, unknown> | null;
}) {
  const valueOf = (q: IntakeFieldQuestion): string | string[] => {
    if (initial) {
      const v = initial[`a${q.id}`];
      return Array.isArray(v) ? v.map(String) : typeof v === "string" ? v : "";
    }
    return answers[q.id] ?? "";
  };
  const shared = initial ? initial.shareName === "on" : shareName;
  return (
    <fieldset className="intake">
      <legend>Questions from the instructors</legend>
      {questions.map((q) => {
        const name = `a${q.id}`;
        const id = `intake-${q.id}`;
        const error = errors[name]?.[0];
        const value = valueOf(q);
        const described = error ? `${id}-error` : undefined;
        const label = (
          <>
            {q.prompt}
            {q.required ? <span className="muted"> (required)</span> : <span className="muted"> (optional)</span>}
          </>
        );
        return (
          <div key={q.id} className={`field${error ? " field--invalid" : ""}`}>
            {q.kind === "text" ? (
              <>
                <label htmlFor={id}>{label}</label>
                <textarea id={id} name={name} rows={3} maxLength={2000} defaultValue={String(value)} aria-invalid={error ? true : undefined} aria-describedby={described} />
              </>
            ) : (
              <fieldset aria-describedby={described} aria-invalid={error ? true : undefined}>
                <legend>{label}</legend>
                {q.options.map((o, i) => (
                  <label key={o} className="choice">
                    <input
                      type={q.kind === "choice" ? "radio" : "checkbox"}
                      name={name}
                      value={o}
                      id={`${id}-${i}`}
                      defaultChecked={Array.isArray(value) ? value.includes(o) : value === o}
                    />
                    {o}
                  </label>
                ))}
              </fieldset>
            )}
            {error ? (
              <p className="field__error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <label className="choice">
        <input type="checkbox" name="shareName" value="on" defaultChecked={shared} />
        Instructors may see my name beside my written answers (otherwise they are shown without a name)
      </label>
    </fieldset>
  );
}
