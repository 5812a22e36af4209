// Participation settings: who sees each profile field, whether to be listed in the directory, and mail choices.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { CheckField } from "~/components/profile-form";
import { MailChoiceFields, ParticipationModeFields } from "~/components/participation-fields";
import { PARTICIPATION_MODE_LABELS, ParticipationSchema, participationOf, timeZoneOptions } from "~/models/participation.server";
import { mailChoices, topicOptions } from "~/models/preferences.server";
import { PROFILE_FIELDS, VISIBILITY_LABELS } from "~/models/profile.server";
import { saveSettings, SettingsSchema } from "~/models/profile-write.server";
import { errorsOf, type FormResult } from "~/utils/forms";
import { redirectWithFlash } from "~/utils/flash.server";
import { MessagingSettings } from "~/components/messaging-settings";
import { listBlocked, messageSettingsFor, UNREAD_MAIL_DELAYS, unreadDelayLabel, WHO_MAY_MESSAGE, WHO_MAY_MESSAGE_LABELS } from "~/models/message-settings.server";
import { requireOwnRecord } from "../profile.edit/profile-form.server";

export const meta: MetaFunction = () => [{ title: "Privacy and notifications · Colloquy" }];

const HINTS: Partial<Record<string, string>> = {
  barNumbers: "Shown only to people who can also see your jurisdictions.",
  email: "Instructors use it to reach you about their seminar.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const record = await requireOwnRecord(request);
  const { id } = record.user;
  return {
    id,
    fields: PROFILE_FIELDS.map((f) => ({ key: f.key, column: f.column, label: f.label, hint: HINTS[f.key] ?? null, level: record.profile[f.column] })),
    inDirectory: record.profile.inDirectory,
    mail: mailChoices({ userId: id }),
    levels: Object.entries(VISIBILITY_LABELS).map(([value, label]) => ({ value, label })),
    topics: topicOptions(),
    participation: participationOf({ userId: id }),
    modes: Object.entries(PARTICIPATION_MODE_LABELS).map(([value, m]) => ({ value, ...m })),
    zones: timeZoneOptions(),
    // Issue #15: direct messages (saved by /messages/settings).
    messaging: {
      ...messageSettingsFor({ userId: id }),
      blocked: listBlocked({ userId: id }),
      who: WHO_MAY_MESSAGE.map((value) => ({ value, label: WHO_MAY_MESSAGE_LABELS[value] })),
      delays: UNREAD_MAIL_DELAYS.map((value) => ({ value, label: unreadDelayLabel(value) })),
    },
  };
}

/**
 * The settings form: visibility per field, directory listing, mail choices ("mail.<topic>") and participation, whose
 * fields are named plainly ("mode", "timeZone", "weeklyQuestionCap"). Built inside the action: its parts come from .server modules.
 */
function settingsFormSchema() {
  const { participation: _, mail, ...shape } = SettingsSchema.shape;
  return z
    .object({ ...shape, mail: mail.optional(), mode: z.string().optional(), timeZone: z.string().optional(), weeklyQuestionCap: z.string().optional() })
    .transform(({ mode, timeZone, weeklyQuestionCap, mail: choices, ...rest }, ctx) => {
      // A form from before participation settings keeps the stored ones; a half-filled one is refused.
      if (mode === undefined && timeZone === undefined) return { ...rest, mail: choices ?? {}, participation: undefined };
      // An empty cap field keeps the stored cap (as a form without the field does).
      const p = ParticipationSchema.safeParse({ mode, timeZone, weeklyQuestionCap: weeklyQuestionCap?.trim() ? weeklyQuestionCap : undefined });
      if (!p.success) {
        for (const i of p.error.issues) ctx.addIssue({ code: "custom", path: i.path, message: i.message });
        return z.NEVER;
      }
      return { ...rest, mail: choices ?? {}, participation: p.data };
    });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: settingsFormSchema() });
  // Nothing is saved on an error; the page redraws the member's own choices from the reply, so none is lost.
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  saveSettings({ userId: user.id, value: submission.value });
  return redirectWithFlash("/profile/settings", { kind: "success", message: "Your settings are saved." });
}

/** The sent choices by field name ("mail.<topic>" flattened back), to redraw the form after a refusal. */
function submittedOf(result: FormResult | undefined): Record<string, string> | undefined {
  if (!result?.initialValue) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.initialValue)) {
    if (typeof v === "string") out[k] = v;
    else if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const [t, c] of Object.entries(v)) if (typeof c === "string") out[`${k}.${t}`] = c;
    }
  }
  return out;
}

export default function Settings() {
  const { id, fields, inDirectory, mail, levels, topics, participation, modes, zones, messaging } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = errorsOf(actionData?.result);
  const submitted = submittedOf(actionData?.result);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <div className="page-head">
        <h1>Privacy and notifications</h1>
        <p className="muted">
          <Link to={`/people/${id}`}>See your profile</Link> · <Link to={`/people/${id}?as=member`}>Preview it as any member sees it</Link> ·{" "}
          <Link to="/profile/edit">Edit your profile</Link>
        </p>
      </div>
      <FormError message={Object.keys(errors).length ? "Please correct the settings marked below." : null} />
      <Form method="post" className="stack">
        <section className="card" aria-labelledby="vis-title">
          <h2 id="vis-title">Who can see each detail</h2>
          <p className="muted">
            Your name is always visible to members. “People in my seminars” includes their instructors; “Instructors of my seminars”
            means only the instructors of seminars you are in. Institute administrators see everything except what is set to “Only me”.
          </p>
          <div className="visibility-grid">
            {fields.map((f) => (
              <div key={f.key} className={`field${errors[f.column] ? " field--invalid" : ""}`}>
                <label htmlFor={`vis-${f.key}`}>{f.label}</label>
                {f.hint ? (
                  <p className="field__hint" id={`vis-${f.key}-hint`}>
                    {f.hint}
                  </p>
                ) : null}
                <select id={`vis-${f.key}`} name={f.column} defaultValue={submitted?.[f.column] ?? f.level} aria-describedby={f.hint ? `vis-${f.key}-hint` : undefined}>
                  {levels.map((l) => (
                    <option key={l.value} value={l.value}>
                      {l.label}
                    </option>
                  ))}
                </select>
                {errors[f.column] ? <p className="field__error">{errors[f.column]}</p> : null}
              </div>
            ))}
          </div>
        </section>
        <section className="card" aria-labelledby="dir-title">
          <h2 id="dir-title">Member directory</h2>
          <CheckField
            name="inDirectory"
            label="List me in the member directory"
            hint="When unticked, only people who share a seminar with you (and administrators) can find you or open your profile."
            defaultChecked={submitted ? "inDirectory" in submitted : inDirectory}
          />
        </section>
        <section className="card" aria-labelledby="take-part-title">
          <h2 id="take-part-title">Taking part</h2>
          <ParticipationModeFields
            modes={modes}
            mode={submitted?.mode ?? participation.mode}
            timeZone={submitted?.timeZone ?? participation.timeZone}
            zones={zones}
            errors={errors}
            weeklyQuestionCap={submitted?.weeklyQuestionCap ?? participation.weeklyQuestionCap ?? 3}
          />
        </section>
        <section className="card" aria-labelledby="mail-title">
          <h2 id="mail-title">How you hear about things</h2>
          <p className="muted">
            “In the portal only” shows it in your <Link to="/notifications">notifications</Link> without mail. Daily and weekly
            choices are gathered into one digest mail per period.
          </p>
          <MailChoiceFields
            topics={topics}
            current={Object.fromEntries(topics.map(({ topic }) => [topic, submitted?.[`mail.${topic}`] ?? mail[topic]]))}
            errors={errors}
          />
        </section>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save settings"}
          </button>
        </div>
      </Form>
      <MessagingSettings {...messaging} />
    </div>
  );
}
