// How a member takes part and hears about things (issue #15): used by onboarding and by the settings page.
export interface ModeOption {
  value: string;
  label: string;
  hint: string;
}
export interface TopicOption {
  topic: string;
  label: string;
  hint: string;
  choices: { value: string; label: string }[];
}

export function ParticipationModeFields({
  modes,
  mode,
  timeZone,
  zones,
  errors,
  weeklyQuestionCap,
}: {
  modes: ModeOption[];
  mode: string;
  timeZone: string;
  zones: string[];
  errors: Record<string, string | undefined>;
  /** Shown when given (the settings page): how many network questions may be routed to the member a week. */
  weeklyQuestionCap?: string | number;
}) {
  return (
    <>
      <fieldset className={errors.mode ? "field--invalid" : undefined} aria-describedby={errors.mode ? "mode-error" : undefined}>
        <legend>How you take part</legend>
        {modes.map((m) => (
          <label key={m.value} className="check-inline" style={{ display: "block" }}>
            <input type="radio" name="mode" value={m.value} defaultChecked={mode === m.value} /> <strong>{m.label}</strong>{" "}
            <span className="muted">— {m.hint}</span>
          </label>
        ))}
        {errors.mode ? (
          <p className="field__error" id="mode-error">
            {errors.mode}
          </p>
        ) : null}
      </fieldset>
      <div className={`field${errors.timeZone ? " field--invalid" : ""}`}>
        <label htmlFor="timeZone">Your time zone</label>
        <p className="field__hint" id="timeZone-hint">
          Digests arrive in your morning (around 7 a.m.).
        </p>
        <select id="timeZone" name="timeZone" defaultValue={timeZone} aria-describedby="timeZone-hint">
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </select>
        {errors.timeZone ? <p className="field__error">{errors.timeZone}</p> : null}
      </div>
      {weeklyQuestionCap !== undefined ? (
        <div className={`field${errors.weeklyQuestionCap ? " field--invalid" : ""}`}>
          <label htmlFor="weeklyQuestionCap">Questions routed to me per week</label>
          <p className="field__hint" id="weeklyQuestionCap-hint">
            At most this many network questions in your practice areas and jurisdictions are sent your way in seven days. 0 means never.
          </p>
          <input
            id="weeklyQuestionCap"
            name="weeklyQuestionCap"
            type="number"
            inputMode="numeric"
            min={0}
            max={20}
            defaultValue={weeklyQuestionCap}
            aria-describedby={errors.weeklyQuestionCap ? "weeklyQuestionCap-hint weeklyQuestionCap-error" : "weeklyQuestionCap-hint"}
            aria-invalid={errors.weeklyQuestionCap ? true : undefined}
          />
          {errors.weeklyQuestionCap ? (
            <p className="field__error" id="weeklyQuestionCap-error">
              {errors.weeklyQuestionCap}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

export function MailChoiceFields({
  topics,
  current,
  errors,
}: {
  topics: TopicOption[];
  current: Record<string, string>;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      {topics.map(({ topic, label, hint, choices }) => (
        <fieldset key={topic} className={errors[`mail.${topic}`] ? "field--invalid" : undefined}>
          <legend>{label}</legend>
          <p className="field__hint">{hint}</p>
          <div className="radio-row">
            {choices.map((c) => (
              <label key={c.value} className="check-inline">
                <input type="radio" name={`mail.${topic}`} value={c.value} defaultChecked={current[topic] === c.value} /> {c.label}
              </label>
            ))}
          </div>
          {errors[`mail.${topic}`] ? <p className="field__error">Choose how often to hear about this.</p> : null}
        </fieldset>
      ))}
    </>
  );
}
