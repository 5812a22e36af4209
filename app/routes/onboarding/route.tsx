// Guided profile set-up right after joining (issue #4). Every step saves on its own, can be skipped, and the whole
// thing can be finished later: the home page reminds gently until the member finishes or snoozes it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { safeRedirectPath } from "~/auth/guards.server";
import { MailChoiceFields, ParticipationModeFields } from "~/components/participation-fields";
import { writeTransaction } from "~/models/db.server";
import { PARTICIPATION_MODE_LABELS, ParticipationSchema, participationOf, saveParticipation, timeZoneOptions } from "~/models/participation.server";
import { MailPreferencesSchema, mailChoices, saveMailChoices, topicOptions } from "~/models/preferences.server";
import { FormError } from "~/components/form";
import { AboutFields, BasicsFields, ContactFields, PhotoField, PracticeFields, profileErrors, submittedProfileValues, type ProfileSection } from "~/components/profile-form";
import { markOnboarding } from "~/models/profile-write.server";
import { VISIBILITY_LABELS, PROFILE_FIELDS } from "~/models/profile.server";
import { PHOTO_MAX_LABEL } from "~/services/photos.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf } from "~/utils/forms";
import { formLists, formValuesFromRecord, handleProfileForm, requireOwnRecord } from "../profile.edit/profile-form.server";

export const meta: MetaFunction = () => [{ title: "Set up your profile · Colloquy" }];

const STEPS = [
  { id: "you", title: "You", section: "basics" },
  { id: "practice", title: "Your practice", section: "practice" },
  { id: "about", title: "Bio and links", section: "about" },
  { id: "contact", title: "Contact", section: "contact" },
  { id: "taking-part", title: "Taking part", section: null },
  { id: "privacy", title: "Privacy", section: null },
] as const satisfies readonly { id: string; title: string; section: ProfileSection | null }[];
type StepId = (typeof STEPS)[number]["id"];

function stepFrom(url: URL): (typeof STEPS)[number] {
  return STEPS.find((s) => s.id === url.searchParams.get("step")) ?? STEPS[0];
}
const nextOf = (id: StepId) => STEPS[STEPS.findIndex((s) => s.id === id) + 1];

/** Where to go when done (e.g. the seminar an invitation was for); only ever a path on this site. */
function afterFrom(url: URL): string | null {
  const raw = url.searchParams.get("next");
  return raw ? safeRedirectPath(raw, "/") : null;
}
const withAfter = (path: string, after: string | null) => (after ? `${path}&next=${encodeURIComponent(after)}` : path);

export async function loader({ request }: LoaderFunctionArgs) {
  const record = await requireOwnRecord(request);
  const url = new URL(request.url);
  const step = stepFrom(url);
  const p = record.profile;
  const after = afterFrom(url);
  // Straight from an invitation, someone who already set up their profile goes on to where they were headed.
  if (after && p.onboardingCompletedAt && !url.searchParams.has("step")) throw redirect(after);
  return {
    after,
    step: step.id,
    values: formValuesFromRecord(record),
    ...formLists(),
    photoMax: PHOTO_MAX_LABEL,
    visibility: PROFILE_FIELDS.map((f) => ({ label: f.label, level: VISIBILITY_LABELS[p[f.column]] })),
    inDirectory: p.inDirectory,
    done: Boolean(p.onboardingCompletedAt),
    participation: participationOf({ userId: record.user.id }),
    mail: mailChoices({ userId: record.user.id }),
    modes: Object.entries(PARTICIPATION_MODE_LABELS).map(([value, m]) => ({ value, ...m })),
    topics: topicOptions(),
    zones: step.id === "taking-part" ? timeZoneOptions() : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const record = await requireOwnRecord(request);
  const url = new URL(request.url);
  const step = stepFrom(url);
  const intent = url.searchParams.get("intent");
  const after = afterFrom(url);
  const next = nextOf(step.id);
  if (intent === "snooze") {
    markOnboarding(record.user.id, "snooze");
    return redirectWithFlash("/", { kind: "info", message: "We'll remind you in a week. Your profile is always at My profile." });
  }
  if (step.id === "taking-part" && intent !== "skip" && intent !== "finish") {
    // Built here, not at module level: the schemas come from .server modules, which the browser bundle leaves empty.
    const schema = ParticipationSchema.extend({ mail: MailPreferencesSchema });
    const submission = parseWithZod(await request.formData(), { schema });
    if (submission.status !== "success") return data({ result: submission.reply(), admissionRows: undefined }, { status: 400 });
    const { mail, ...value } = submission.value;
    writeTransaction((tx) => {
      saveParticipation(tx, { userId: record.user.id, value });
      saveMailChoices(tx, { userId: record.user.id, choices: mail });
    });
    return redirect(withAfter(`/onboarding?step=${next!.id}`, after));
  }
  if (step.id === "privacy" || intent === "finish") {
    markOnboarding(record.user.id, "complete");
    return redirectWithFlash(after ?? "/", { kind: "success", message: "Your profile is set up. Welcome to Colloquy!" });
  }
  if (intent === "skip" || step.section === null) return redirect(withAfter(`/onboarding?step=${next!.id}`, after));
  const result = await handleProfileForm({ request, record, sections: [step.section], withPhoto: step.section === "basics" });
  if (!result.ok) return data({ result: result.result, admissionRows: result.admissionRows }, { status: result.status });
  return redirect(withAfter(`/onboarding?step=${next!.id}`, after));
}

export default function Onboarding() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const index = STEPS.findIndex((s) => s.id === loaded.step);
  const step = STEPS[index]!;
  const sent = actionData?.result;
  const values = step.section
    ? { ...submittedProfileValues(loaded.values, sent?.initialValue, [step.section]), admissionRows: actionData?.admissionRows }
    : loaded.values;
  const errors = step.section ? profileErrors(sent?.error) : errorsOf(sent);
  const count = Object.keys(errors).length;
  const at = (id: string, intent?: string) => withAfter(`/onboarding?step=${id}${intent ? `&intent=${intent}` : ""}`, loaded.after);
  return (
    <div className="narrow onboarding">
      <div className="page-head">
        <p className="muted">
          Step {index + 1} of {STEPS.length}
        </p>
        <h1>{index === 0 ? "Welcome! Let's set up your profile" : step.title}</h1>
        <p className="muted">
          Fellow attorneys and your instructors use your profile to find you and to tailor seminars to your practice. Every step can
          be skipped, and you can <Link to={loaded.after ?? "/"}>finish later</Link>.
        </p>
      </div>
      <nav aria-label="Profile set-up steps">
        <ol className="steps">
          {STEPS.map((s, i) => (
            <li key={s.id} className={i === index ? "steps__current" : i < index ? "steps__done" : undefined} aria-current={i === index ? "step" : undefined}>
              <Link to={at(s.id)}>{s.title}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <FormError message={count ? `Please correct the ${count === 1 ? "field" : `${count} fields`} marked below.` : null} />
      {step.id === "taking-part" ? (
        <Form method="post" action={at(step.id)} className="card stack">
          <p>How you take part and how you hear about things. You can change this at any time in your settings.</p>
          <ParticipationModeFields
            modes={loaded.modes}
            mode={loaded.participation.mode}
            timeZone={loaded.participation.timeZone}
            zones={loaded.zones}
            errors={errors}
          />
          <h2>How you hear about things</h2>
          <MailChoiceFields topics={loaded.topics} current={loaded.mail} errors={errors} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save and continue"}
            </button>
            <button type="submit" formAction={at(step.id, "skip")} formNoValidate className="button--secondary">
              Keep the defaults
            </button>
          </div>
        </Form>
      ) : step.section === null ? (
        <PrivacyStep loaded={loaded} action={at("privacy", "finish")} />
      ) : (
        <Form
          method="post"
          action={at(step.id)}
          encType={step.section === "basics" ? "multipart/form-data" : undefined}
          className="card stack"
          noValidate
        >
          {/* Enter in a field saves: the form's first submit button is its default, and later ones ("Add another
              jurisdiction") must not take that role. */}
          <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
            Save
          </button>
          {step.section === "basics" ? (
            <>
              <PhotoField values={values} errors={errors} maxLabel={loaded.photoMax} />
              <BasicsFields values={values} errors={errors} />
            </>
          ) : step.section === "practice" ? (
            <PracticeFields values={values} errors={errors} areaChoices={loaded.areaChoices} jurisdictionChoices={loaded.jurisdictionChoices} />
          ) : step.section === "about" ? (
            <AboutFields values={values} errors={errors} />
          ) : (
            <ContactFields values={values} errors={errors} />
          )}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save and continue"}
            </button>
            <button type="submit" formAction={at(step.id, "skip")} formNoValidate className="button--secondary">
              Skip this step
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}

function PrivacyStep({
  loaded,
  action,
}: {
  loaded: { visibility: { label: string; level: string }[]; inDirectory: boolean };
  action: string;
}) {
  return (
    <Form method="post" action={action} className="card stack">
      <p>
        You decide who sees each detail. This is what others see now; you can change any of it at any time in{" "}
        <Link to="/profile/settings">privacy and notification settings</Link>.
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Who can see each part of your profile</caption>
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">Who can see it</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Name</td>
              <td>Everyone in the network</td>
            </tr>
            {loaded.visibility.map((v) => (
              <tr key={v.label}>
                <td>{v.label}</td>
                <td>{v.level}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {loaded.inDirectory
          ? "You are listed in the member directory."
          : "You are not listed in the member directory; only people in your seminars can find you."}
      </p>
      <div className="actions">
        <button type="submit">Finish</button>
        <Link to="/profile/settings" className="button button--secondary">
          Adjust privacy first
        </Link>
      </div>
    </Form>
  );
}
